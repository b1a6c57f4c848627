"""Device requests, eligibility, reservations and loans: from "I need a device" to its return.

A request moves through `RequestStatus` only in `digibank.lending.services`; the database itself
refuses a second active reservation of one device or of one request (partial unique constraints),
so two staff members acting at the same moment can never hand out one device twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import Accessory, Condition, Device, DeviceKind, KeyboardLayout
from digibank.organisations.models import Digibank, Hub, Language, Partner
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


class EvidenceKind(models.TextChoices):
    HEALTH_INSURANCE = (
        "health_insurance",
        _("certificate of increased allowance from the health insurance fund"),
    )
    LIVING_WAGE = "living_wage", _("certificate of living wage or social assistance (OCMW)")
    DEBT_MEDIATION = "debt_mediation", _("letter from the debt mediator")
    EMPLOYMENT_REFERRAL = "employment_referral", _("referral by the employment service (VDAB)")
    SCHOOL_REFERRAL = "school_referral", _("referral by the school")
    SOCIAL_REFERRAL = "social_referral", _("referral by social services")
    OTHER = "other", _("other proof")


class EligibilityRule(models.Model):
    """One reason a digibank may give someone a device, with the proof it accepts.

    Default rules have a `code` from `DEFAULT_RULE_LABELS` and an empty `name`: they show their
    standard name in the reader's language until a coordinator gives them a name of their own.
    """

    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=2, help_text=_("1 comes first on the waiting list.")
    )
    evidence_kinds = models.JSONField(_("proof we accept"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        constraints = [
            models.UniqueConstraint(fields=["digibank", "code"], name="unique_eligibility_code"),
            models.CheckConstraint(condition=Q(priority__gte=1), name="rule_priority_positive"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from digibank.lending.defaults import DEFAULT_RULE_LABELS

        if self.name:
            return self.name
        return str(DEFAULT_RULE_LABELS.get(self.code, self.code))

    @property
    def description_text(self) -> str:
        from digibank.lending.defaults import DEFAULT_RULE_DESCRIPTIONS

        if self.description:
            return self.description
        return str(DEFAULT_RULE_DESCRIPTIONS.get(self.code, ""))

    def get_evidence_kinds_display(self) -> list[str]:
        labels = dict(EvidenceKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.evidence_kinds]


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


class AllocationStatus(models.TextChoices):
    ACTIVE = "active", _("reserved")
    RELEASED = "released", _("released")
    HANDED_OVER = "handed_over", _("handed over")


class Allocation(models.Model):
    """A device reserved for a request, until it is handed over or released."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="allocations")
    request = models.ForeignKey(DeviceRequest, on_delete=models.PROTECT, related_name="allocations")
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="allocations")
    hub = models.ForeignKey(
        Hub,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("where to pick it up"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AllocationStatus.choices,
        default=AllocationStatus.ACTIVE,
    )
    reserved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reserved by"),
    )
    reserved_at = models.DateTimeField(_("reserved on"))
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-reserved_at", "-id"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(status="active"),
                name="one_active_allocation_per_device",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="active"),
                name="one_active_allocation_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device_id} → {self.request_id}"


class LendingRegulation(models.Model):
    """One published version of a digibank's lending regulation, in Dutch, French and English.

    A new text is a new version: agreements keep pointing at the version they were signed under.
    """

    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, related_name="lending_regulations"
    )
    version = models.PositiveIntegerField(_("version"))
    text_nl = models.TextField(_("text in Dutch"))
    text_fr = models.TextField(_("text in French"))
    text_en = models.TextField(_("text in English"))
    change_note = models.CharField(_("what changed"), max_length=200, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published on"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("lending regulation")
        verbose_name_plural = _("lending regulations")
        constraints = [
            models.UniqueConstraint(
                fields=["digibank", "version"], name="unique_regulation_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.digibank_id} v{self.version}"

    def text_in(self, language: str) -> str:
        return {"fr": self.text_fr, "en": self.text_en}.get(language, self.text_nl)


class LoanKind(models.TextChoices):
    LOAN = "loan", _("loan")
    GIFT = "gift", _("gift")


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("on loan")
    RETURNED = "returned", _("returned")
    OWNED = "owned", _("owned by the resident")
    LOST = "lost", _("lost or stolen")


class LoanCondition(models.TextChoices):
    STARTER_COURSE = "starter_course", _("follow the starter course")
    CHECK_UP = "check_up", _("come back for a check-up of the device")
    FEEDBACK = "feedback", _("tell us how it goes (a short survey)")


class HandOverCheck(models.TextChoices):
    DEVICE_WORKS = "device_works", _("we switched the device on together")
    CHARGER = "charger", _("charger and cables given (or not needed)")
    LOGIN_EXPLAINED = "login_explained", _("logging in explained; the password is theirs")
    SAFETY_BASICS = "safety_basics", _("safety basics explained: updates, passwords, phishing")
    AGREEMENT_SIGNED = "agreement_signed", _("agreement signed by both")


AGREEMENT_LANGUAGES = (Language.DUTCH, Language.FRENCH, Language.ENGLISH)
AGREEMENT_LANGUAGE_CHOICES = [(language.value, language.label) for language in AGREEMENT_LANGUAGES]


class Loan(models.Model):
    """A device handed over to a resident: lent until a due date, or given for good."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="loans")
    request = models.OneToOneField(DeviceRequest, on_delete=models.PROTECT, related_name="loan")
    allocation = models.OneToOneField(Allocation, on_delete=models.PROTECT, related_name="loan")
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="loans")
    # Empty once the person is erased, like `DeviceRequest.person`: only an ended loan.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="loans"
    )
    erased_person_key = models.UUIDField(null=True, blank=True, editable=False)
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="loans")
    kind = models.CharField(_("loan or gift"), max_length=5, choices=LoanKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=LoanStatus.choices)
    due_date = models.DateField(_("bring back by"), null=True, blank=True)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    other_conditions = models.CharField(_("other conditions"), max_length=300, blank=True)
    checklist = models.JSONField(_("hand-over checklist"), default=list)
    regulation = models.ForeignKey(
        LendingRegulation,
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("lending regulation"),
    )
    agreement_language = models.CharField(
        _("language of the agreement"), max_length=8, choices=AGREEMENT_LANGUAGE_CHOICES
    )
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    handed_over_at = models.DateTimeField(_("handed over on"))
    owned_at = models.DateTimeField(_("owned since"), null=True, blank=True)
    owned_note = models.CharField(_("note"), max_length=300, blank=True)
    returned_at = models.DateTimeField(_("returned on"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    return_condition = models.CharField(
        _("condition on return"), max_length=10, choices=Condition.choices, blank=True
    )
    missing_accessories = models.JSONField(_("missing accessories"), default=list, blank=True)
    return_note = models.CharField(_("note on the return"), max_length=300, blank=True)
    lost_at = models.DateTimeField(_("reported lost on"), null=True, blank=True)
    stolen = models.BooleanField(_("stolen"), default=False)
    loss_note = models.CharField(_("what happened"), max_length=300, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-handed_over_at", "-id"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        indexes = [
            models.Index(fields=["digibank", "status", "due_date"], name="loan_bank_status_due"),
            models.Index(fields=["digibank", "-handed_over_at", "-id"], name="loan_bank_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(status="active"),
                name="one_active_loan_per_device",
            ),
            models.CheckConstraint(
                condition=~Q(kind="loan") | Q(due_date__isnull=False),
                name="loan_has_a_due_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="gift") | Q(status="owned"),
                name="gift_is_owned",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(status="active"),
                name="active_loan_has_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.device_id} → {self.person_id}"

    def get_conditions_display(self) -> list[str]:
        labels = dict(LoanCondition.choices)
        shown = [str(labels.get(code, code)) for code in self.conditions]
        if self.other_conditions:
            shown.append(self.other_conditions)
        return shown

    def get_missing_accessories_display(self) -> list[str]:
        labels = dict(Accessory.choices)
        return [str(labels.get(code, code)) for code in self.missing_accessories]

    @property
    def has_conditions(self) -> bool:
        return bool(self.conditions or self.other_conditions)

    @property
    def resident_name(self) -> str:
        return resident_name(self.person)
