"""Who may use the pages of the helpers' guides (merged into `SPECS` by `permission_spec.py`; see
core/tests/matrix.py).

A digibank's staff who help residents read the guides (`READ_GUIDES`: coordinator, hub
volunteer, trainer, referrer); the coordinator writes and changes the local ones
(`MANAGE_GUIDES`); the coordinator and hub volunteers confirm a local guide is still correct
(`CHECK_GUIDES`); the coordinator hands a local guide over to a new owner, the region admin a
region guide. Another digibank's local guide under one's own slug is a 404, and so is a
region guide of another region (the hand-out and versions below try that one). On the region's
pages both region roles read the region's guides and the region admin writes and checks them;
another region's guide is a 404.
"""

from digibank.core.tests.matrix import REGION, STAFF, Spec, bank_only, region_only, roles
from digibank.help import services
from digibank.help.content import install_region_topics
from digibank.help.models import Guide, HelpTopic
from digibank.organisations.models import Region
from digibank.organisations.permissions import SYSTEM

READERS = roles("coordinator", "hub_volunteer", "trainer", "referrer")
CHECKERS = roles("coordinator", "hub_volunteer")
COORDINATOR = roles("coordinator")
REGION_BOTH = roles("region_admin", "region_analyst")
REGION_ADMIN = roles("region_admin")


def _guide(region: Region, digibank, title: str) -> Guide:
    found = Guide.objects.filter(region=region, digibank=digibank, title=title).first()
    if found:
        return found
    install_region_topics(region, HelpTopic)
    topic = HelpTopic.objects.filter(region=region, digibank=None).order_by("position")[:1].get()
    return services.write_guide(
        region=region,
        digibank=digibank,
        fields=services.GuideFields(
            topic=topic, title=title, body="1. Stap", handout="Uitleg voor u."
        ),
        by=SYSTEM,
    )


def a_local_guide(slug_bank, object_bank):
    """The object bank's own guide: another digibank's under one's own slug is a 404."""
    digibank = object_bank.digibank
    guide = _guide(digibank.region, digibank, f"Lokale gids {digibank.slug}")
    return {"digibank": slug_bank.digibank.slug, "guide_id": guide.pk}


def _other_region() -> Region:
    return Region.objects.exclude(slug="vlaanderen").order_by("pk")[:1].get()


def a_region_guide(slug_bank, object_bank):
    """The own region's guide; for a foreign object, a region guide of another region."""
    region = slug_bank.digibank.region if object_bank is slug_bank else _other_region()
    guide = _guide(region, None, "Gids van de regio")
    return {"digibank": slug_bank.digibank.slug, "guide_id": guide.pk}


def a_region_guide_version(slug_bank, object_bank):
    return {**a_region_guide(slug_bank, object_bank), "number": 1}


def in_region(slug_bank, object_bank):
    kwargs = a_region_guide(slug_bank, object_bank)
    return {"region": slug_bank.digibank.region.slug, "guide_id": kwargs["guide_id"]}


def in_region_version(slug_bank, object_bank):
    return {**in_region(slug_bank, object_bank), "number": 1}


def region_manager_page(role, case):
    """An analyst is refused (403) before any lookup, also for another region's guide."""
    if role == "anonymous":
        return {302}
    if case == "other" or role not in REGION_BOTH:
        return {404}
    if role not in REGION_ADMIN:
        return {403}
    return {200} if case == "own" else {404}


def region_check(role, case):
    answer = region_manager_page(role, case)
    return {302} if answer == {200} else answer


GUIDE_SPECS = {
    "help:guide_list": Spec(STAFF, bank_only, allowed=READERS),
    "help:guide_add": Spec(STAFF, bank_only, allowed=COORDINATOR),
    "help:guide_detail": Spec(STAFF, a_local_guide, allowed=READERS, has_object=True),
    "help:guide_edit": Spec(STAFF, a_local_guide, allowed=COORDINATOR, has_object=True),
    "help:guide_owner": Spec(STAFF, a_local_guide, allowed=COORDINATOR, has_object=True),
    "help:guide_check": Spec(
        STAFF, a_local_guide, allowed=CHECKERS, method="post", success=302, has_object=True
    ),
    "help:guide_handout": Spec(STAFF, a_region_guide, allowed=READERS, has_object=True),
    "help:guide_version": Spec(STAFF, a_region_guide_version, allowed=READERS, has_object=True),
    "help:region_guides": Spec(REGION, region_only, allowed=REGION_BOTH),
    "help:region_guide_add": Spec(REGION, region_only, allowed=REGION_ADMIN),
    "help:region_guide": Spec(REGION, in_region, allowed=REGION_BOTH, has_object=True),
    "help:region_guide_version": Spec(
        REGION, in_region_version, allowed=REGION_BOTH, has_object=True
    ),
    "help:region_guide_edit": Spec(
        REGION, in_region, allowed=REGION_ADMIN, has_object=True, expect=region_manager_page
    ),
    "help:region_guide_owner": Spec(
        REGION, in_region, allowed=REGION_ADMIN, has_object=True, expect=region_manager_page
    ),
    "help:region_guide_check": Spec(
        REGION,
        in_region,
        allowed=REGION_ADMIN,
        method="post",
        success=302,
        has_object=True,
        expect=region_check,
    ),
}
