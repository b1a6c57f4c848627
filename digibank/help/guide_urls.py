"""The addresses of the helpers' guides: a digibank's staff pages and the region's pages."""

from django.urls import path

from digibank.help.views import guides, region_guides

STAFF = "staff/<slug:digibank>/help/guides/"
REGION = "region/<slug:region>/help/guides/"

urlpatterns = [
    path(STAFF, guides.guide_list, name="guide_list"),
    path(STAFF + "new/", guides.guide_add, name="guide_add"),
    path(STAFF + "<int:guide_id>/", guides.guide_detail, name="guide_detail"),
    path(STAFF + "<int:guide_id>/edit/", guides.guide_edit, name="guide_edit"),
    path(STAFF + "<int:guide_id>/checked/", guides.guide_check, name="guide_check"),
    path(STAFF + "<int:guide_id>/owner/", guides.guide_owner, name="guide_owner"),
    path(STAFF + "<int:guide_id>/hand-out/", guides.guide_handout, name="guide_handout"),
    path(
        STAFF + "<int:guide_id>/versions/<int:number>/",
        guides.guide_version,
        name="guide_version",
    ),
    path(REGION, region_guides.region_guides, name="region_guides"),
    path(REGION + "new/", region_guides.region_guide_add, name="region_guide_add"),
    path(REGION + "<int:guide_id>/", region_guides.region_guide, name="region_guide"),
    path(
        REGION + "<int:guide_id>/edit/", region_guides.region_guide_edit, name="region_guide_edit"
    ),
    path(
        REGION + "<int:guide_id>/checked/",
        region_guides.region_guide_check,
        name="region_guide_check",
    ),
    path(
        REGION + "<int:guide_id>/owner/",
        region_guides.region_guide_owner,
        name="region_guide_owner",
    ),
    path(
        REGION + "<int:guide_id>/versions/<int:number>/",
        region_guides.region_guide_version,
        name="region_guide_version",
    ),
]
