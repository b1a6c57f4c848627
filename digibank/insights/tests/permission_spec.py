"""Who may use each figures page (see core/tests/matrix.py).

The digibank's figures and their downloads need `VIEW_AGGREGATES`: the coordinator and the
analyst; every other role gets 403, another digibank 404. The region's figures are for both
region roles; another region is a 404. The yearly report (PDF) follows the same rules. The data
dictionary is public.
"""

from digibank.core.tests.matrix import (
    API,
    PUBLIC,
    REGION,
    STAFF,
    Spec,
    no_kwargs,
    region_only,
    roles,
)

FIGURES = roles("coordinator", "analyst")
REGION_BOTH = roles("region_admin", "region_analyst")


def _bank_a(world):
    return {"digibank": world.a.digibank.pk}


SPECS = {
    "insights:data_dictionary": Spec(PUBLIC, no_kwargs),
    "insights:dashboard": Spec(STAFF, allowed=FIGURES),
    "insights:figures_csv": Spec(STAFF, allowed=FIGURES),
    "insights:figures_json": Spec(STAFF, allowed=FIGURES),
    "insights:report": Spec(STAFF, allowed=FIGURES),
    "insights:region_dashboard": Spec(REGION, region_only, allowed=REGION_BOTH),
    "insights:region_figures_csv": Spec(REGION, region_only, allowed=REGION_BOTH),
    "insights:region_figures_json": Spec(REGION, region_only, allowed=REGION_BOTH),
    "insights:region_digibanks_csv": Spec(REGION, region_only, allowed=REGION_BOTH),
    "insights:region_digibanks_json": Spec(REGION, region_only, allowed=REGION_BOTH),
    # The region chooses the digibank in the GET form; another region's is refused (the pages'
    # tests: test_yearly_report_pages.py).
    "insights:region_report": Spec(
        REGION,
        region_only,
        allowed=REGION_BOTH,
        data=lambda world: {"digibank": world.a.digibank.pk},
    ),
}


def _period(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "period": "last12"}


SPECS["api:figures"] = Spec(API, _period, allowed=FIGURES)
