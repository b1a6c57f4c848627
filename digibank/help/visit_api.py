"""API of visits and referrals, mounted at /api/digibanks/{digibank}/: the visits as figures only
(never a visit or a person), the referrals a partner received and their status.

Counting visits needs `VIEW_AGGREGATES` (coordinator, analyst). The referrals need
`HANDLE_REFERRALS`: a partner's referrer sees and moves those sent to their own partner, as on
the pages (another partner's referral is a 404).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from digibank.core.api_errors import BODY_ERRORS, TENANT_ERRORS, with_errors
from digibank.core.errors import DomainError
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.help import visit_queries as queries
from digibank.help.models import HelpTopic, HowHelped, Outcome, Referral, ReferralStatus
from digibank.help.models.referrals import RESPONSE_MAX
from digibank.help.services.referrals import update_referral
from digibank.organisations.permissions import ApiRequest, Perm, api_access

router = Router(tags=["help"])

DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")
# The longest period one count covers: a few years of visits, read in three queries.
MAX_DAYS = 3 * 366


DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class VisitCountFilters(Schema):
    # Days as ISO text only: pydantic would also read a number as a date (seconds since 1970).
    since: str | None = Field(
        None,
        pattern=DAY,
        description="First day counted (YYYY-MM-DD); default: 30 days before `until`.",
        json_schema_extra={"format": "date"},
    )
    until: str | None = Field(
        None,
        pattern=DAY,
        description="Last day counted (YYYY-MM-DD); default: today.",
        json_schema_extra={"format": "date"},
    )
    hub: int | None = Field(None, description="Only the visits at this hub (its id).")


class TopicCountOut(Schema):
    code: str
    name: str
    visits: int


class VisitCountsOut(Schema):
    since: datetime.date
    until: datetime.date
    visits: int = Field(..., description="Visits logged in the period.")
    minutes: int = Field(..., description="Time spent helping, in minutes.")
    by_outcome: dict[str, int] = Field(
        ..., description=f"Visits per outcome: {', '.join(Outcome.values)}."
    )
    by_how: dict[str, int] = Field(
        ..., description=f"Visits per way help was given: {', '.join(HowHelped.values)}."
    )
    by_topic: list[TopicCountOut] = Field(
        ..., description="Visits per topic (a visit may count for several topics)."
    )


def _day(text: str | None, field: str) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise DomainError(_("Enter a real date."), field=field) from None


@router.get(
    "help/visit-counts",
    response=with_errors({200: VisitCountsOut}, *TENANT_ERRORS),
    summary="How many visits, by outcome, way of helping and topic",
    description=(
        "Figures only: no visit and no person is ever listed. A period longer than three years "
        "is refused (422)."
    ),
)
def visit_counts(
    request: ApiRequest, filters: Query[VisitCountFilters], digibank: str = DIGIBANK
) -> dict:
    access = api_access(request, digibank, Perm.VIEW_AGGREGATES)
    until = _day(filters.until, "until") or timezone.localdate()
    since = _day(filters.since, "since") or until - datetime.timedelta(days=30)
    if since > until or (until - since).days > MAX_DAYS:
        raise DomainError(
            _("Choose a first day before the last, at most three years apart."), field="since"
        )
    counts = queries.visit_counts(access, since=since, until=until, hub_id=filters.hub)
    topics = HelpTopic.objects.filter(pk__in=counts.by_topic).order_by("position", "code")
    return {
        "since": since,
        "until": until,
        "visits": counts.visits,
        "minutes": counts.minutes,
        "by_outcome": counts.by_outcome,
        "by_how": counts.by_how,
        "by_topic": [
            {"code": topic.code, "name": topic.name, "visits": counts.by_topic[topic.pk]}
            for topic in topics
        ],
    }


class ReferralOut(Schema):
    id: int
    partner: int = Field(..., alias="partner_id")
    partner_name: str
    hub: int | None = Field(..., alias="hub_id")
    status: str = Field(..., json_schema_extra={"enum": list(ReferralStatus.values)})
    who: str = Field(..., description="Their name; empty: they contact the partner themselves.")
    phone: str
    email: str
    reason: str
    response: str = Field(..., description="The partner's note for the referring hub.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_partner_name(obj: Referral) -> str:
        return obj.partner.name


class ReferralPage(Page):
    items: list[ReferralOut]


class ReferralStatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(
        ...,
        description="Where the referral stands now.",
        json_schema_extra={
            "enum": [value for value in ReferralStatus.values if value != ReferralStatus.SENT]
        },
    )
    response: str = Field(
        "",
        max_length=RESPONSE_MAX,
        description="A note for the referring hub. Never a password or code.",
    )


@router.get(
    "help/referrals",
    response=with_errors({200: ReferralPage}, *TENANT_ERRORS),
    summary="The referrals sent to your partner, newest first",
)
def list_referrals(
    request: ApiRequest, cursor: Query[Cursor], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.HANDLE_REFERRALS)
    return cursor.page(queries.incoming_referrals(access))


@router.post(
    "help/referrals/{referral_id}/status",
    response=with_errors({200: ReferralOut}, *TENANT_ERRORS, *BODY_ERRORS),
    summary="Say where a referral stands: accepted, in progress, done or declined",
    description="A move the referral cannot make from where it stands answers 422.",
)
def set_referral_status(
    request: ApiRequest, referral_id: int, payload: ReferralStatusIn, digibank: str = DIGIBANK
) -> Referral:
    access = api_access(request, digibank, Perm.HANDLE_REFERRALS)
    referral = queries.get_incoming_referral_for(access, referral_id)
    update_referral(referral=referral, to=payload.status, response=payload.response, by=access)
    return queries.get_incoming_referral_for(access, referral_id)
