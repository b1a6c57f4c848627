from django.urls import path

from digibank.insights.views import public, region, report, staff

app_name = "insights"

STAFF = "staff/<slug:digibank>/figures/"
REGION = "region/<slug:region>/figures/"

urlpatterns = [
    path("figures/data-dictionary/", public.data_dictionary, name="data_dictionary"),
    path(STAFF, staff.dashboard, name="dashboard"),
    path(STAFF + "figures.csv", staff.figures_csv, name="figures_csv"),
    path(STAFF + "figures.json", staff.figures_json, name="figures_json"),
    path(STAFF + "yearly-report.pdf", report.report, name="report"),
    path(REGION, region.dashboard, name="region_dashboard"),
    path(REGION + "figures.csv", region.figures_csv, name="region_figures_csv"),
    path(REGION + "figures.json", region.figures_json, name="region_figures_json"),
    path(REGION + "digibanks.csv", region.digibanks_csv, name="region_digibanks_csv"),
    path(REGION + "digibanks.json", region.digibanks_json, name="region_digibanks_json"),
    path(REGION + "yearly-report.pdf", report.region_report, name="region_report"),
]
