"""Device requests, the proof staff saw and the eligibility decisions about them.

A request's status changes only through `digibank.lending.states.REQUEST_STATES`; each change is
kept as a `RequestEvent`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import Accessory, DeviceKind, KeyboardLayout
from digibank.lending.evidence import EvidenceKind
from digibank.lending.models.rules import EligibilityRule
from digibank.organisations.models import Digibank, Partner
from digibank.people.models import Person


class Need(models.TextChoices):
    SCHOOL = "school", _("school or homework")
    JOB_SEARCH = "job_search", _("looking for a job")
    E_GOVERNMENT = "e_government", _("online services: taxes, health, bank, eBox")
    STAYING_IN_TOUCH = "staying_in_touch", _("staying in touch with family and friends")
    TRAINING = "training", _("a course or training")


# The kinds of device a resident can ask for; accessories are asked for separately.
WANTED_KINDS = (
    DeviceKind.LAPTOP,
    DeviceKind.DESKTOP,
    DeviceKind.TABLET,
    DeviceKind.SMARTPHONE,
    DeviceKind.HOTSPOT,
    DeviceKind.DATA_SIM,
)
WANTED_KIND_CHOICES = [(kind.value, kind.label) for kind in WANTED_KINDS]


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ELIGIBLE = "eligible", _("eligible, the need is being clarified")
    REJECTED = "rejected", _("not eligible")
    WAITING = "waiting", _("on the waiting list")
    RESERVED = "reserved", _("device reserved")
    HANDED_OVER = "handed_over", _("device handed over")
    CANCELLED = "cancelled", _("cancelled")


OPEN_STATUSES = frozenset(
    {
        RequestStatus.SUBMITTED,
        RequestStatus.ELIGIBLE,
        RequestStatus.WAITING,
        RequestStatus.RESERVED,
    }
)


def resident_name(person: Person | None) -> str:
    """The resident's name on staff pages, or "Erased person" once they were erased."""
    return person.full_name if person is not None else str(_("Erased person"))


class RequestSource(models.TextChoices):
    PUBLIC = "public", _("the resident, on the website")
    STAFF = "staff", _("staff or a referrer")
    API = "api", _("a partner's system")


class DeviceRequest(models.Model):
    """A resident's request for a device, made by themselves or by staff or a referrer."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="device_requests")
    # Empty once the person is erased (see services/erasure.py): the request stays, anonymous, for
    # the statistics. PROTECT, not SET_NULL: only that erasure may detach a request, and only a
    # closed one; deleting a person any other way must never orphan an open request.
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="device_requests",
        verbose_name=_("resident"),
    )
    # The same random key on every row of one erased person, so that counts of different people
    # stay right after the erasure without telling who they were.
    erased_person_key = models.UUIDField(null=True, blank=True, editable=False)
    reference = models.CharField(_("reference code"), max_length=8, unique=True)
    source = models.CharField(_("made by"), max_length=10, choices=RequestSource.choices)
    needs = models.JSONField(_("what for"), default=list)
    device_kind = models.CharField(
        _("device wanted"), max_length=15, choices=WANTED_KIND_CHOICES, blank=True
    )
    keyboard_layout = models.CharField(
        _("keyboard layout"), max_length=10, choices=KeyboardLayout.choices, blank=True
    )
    accessories_wanted = models.JSONField(_("accessories wanted"), default=list, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    household_note = models.CharField(_("household"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    referrer_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="device_requests",
        verbose_name=_("referred by partner"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    # The rule of the latest positive decision: its priority places the request on the list.
    eligibility_rule = models.ForeignKey(
        EligibilityRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("eligibility rule"),
    )
    close_reason = models.CharField(_("reason"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted on"))
    status_changed_at = models.DateTimeField(_("status changed on"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("device request")
        verbose_name_plural = _("device requests")
        indexes = [
            models.Index(fields=["digibank", "status", "submitted_at"], name="request_bank_status"),
            models.Index(fields=["digibank", "-submitted_at", "-id"], name="request_bank_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="request_status_is_known"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["waiting", "reserved", "handed_over"])
                | Q(eligibility_rule__isnull=False),
                name="request_on_list_has_a_rule",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | ~Q(status__in=sorted(status.value for status in OPEN_STATUSES)),
                name="open_request_has_a_person",
            ),
        ]

    def __str__(self) -> str:
        return self.reference_display

    @property
    def reference_display(self) -> str:
        from digibank.lending.codes import display_code

        return display_code(self.reference)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def resident_name(self) -> str:
        return resident_name(self.person)

    def get_needs_display(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(need, need)) for need in self.needs]

    def get_accessories_wanted_display(self) -> list[str]:
        labels = dict(Accessory.choices)
        return [str(labels.get(code, code)) for code in self.accessories_wanted]


class EvidenceSeen(models.Model):
    """A member of staff saw a proof of eligibility. Only its kind is kept, never the document."""

    request = models.ForeignKey(DeviceRequest, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("proof seen"), max_length=30, choices=EvidenceKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("seen by"),
    )
    seen_at = models.DateTimeField(_("seen on"))

    class Meta:
        ordering = ["seen_at", "id"]
        verbose_name = _("proof seen")
        verbose_name_plural = _("proofs seen")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", _("eligible")
    NOT_ELIGIBLE = "not_eligible", _("not eligible")


class EligibilityDecision(models.Model):
    request = models.ForeignKey(DeviceRequest, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices)
    rule = models.ForeignKey(
        EligibilityRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("rule applied"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"))

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("eligibility decision")
        verbose_name_plural = _("eligibility decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="eligible") | Q(rule__isnull=False),
                name="eligible_decision_names_a_rule",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_outcome_display())
