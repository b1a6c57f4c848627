"""The device bank: donations, devices and everything done to a device until it leaves us.

A device's state changes only through `digibank.devices.lifecycle` (via `services.transition`);
every change is kept as a `DeviceEvent`. Wipes, refurbishing checklists and repairs belong to a
*cycle*: a device starts in cycle 1 and starts a new cycle each time it comes back from a person,
so a wipe done before a loan never counts for the next one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Digibank, Hub, Municipality, Partner


class DeviceKind(models.TextChoices):
    LAPTOP = "laptop", _("laptop")
    DESKTOP = "desktop", _("desktop computer")
    SCREEN = "screen", _("screen")
    TABLET = "tablet", _("tablet")
    SMARTPHONE = "smartphone", _("smartphone")
    HOTSPOT = "hotspot", _("mobile hotspot")
    DATA_SIM = "data_sim", _("data SIM card")
    KEYBOARD = "keyboard", _("keyboard")
    MOUSE = "mouse", _("mouse")
    WEBCAM = "webcam", _("webcam")
    HEADSET = "headset", _("headset")


# Kinds that hold a person's data on a storage medium: they must be wiped before reuse.
STORAGE_KINDS = frozenset(
    {DeviceKind.LAPTOP, DeviceKind.DESKTOP, DeviceKind.TABLET, DeviceKind.SMARTPHONE}
)


class DeviceState(models.TextChoices):
    RECEIVED = "received", _("received")
    WIPING = "wiping", _("being wiped")
    WIPED = "wiped", _("wiped")
    REFURBISHING = "refurbishing", _("being refurbished")
    READY = "ready", _("ready to hand out")
    RESERVED = "reserved", _("reserved")
    LOANED = "loaned", _("on loan")
    GIFTED = "gifted", _("given away")
    RETURNED = "returned", _("returned")
    IN_REPAIR = "in_repair", _("in repair")
    END_OF_LIFE = "end_of_life", _("end of life")
    RECYCLED = "recycled", _("recycled")
    LOST = "lost", _("lost")
    STOLEN = "stolen", _("stolen")


class Grade(models.TextChoices):
    A = "A", _("A – as good as new")
    B = "B", _("B – small signs of use")
    C = "C", _("C – clear signs of use, works well")


class Condition(models.TextChoices):
    NEW = "new", _("new")
    GOOD = "good", _("good")
    FAIR = "fair", _("fair: signs of use")
    POOR = "poor", _("poor: needs work")
    BROKEN = "broken", _("broken")


class KeyboardLayout(models.TextChoices):
    NONE = "", _("no keyboard")
    AZERTY_BE = "azerty_be", _("AZERTY (Belgian)")
    AZERTY_FR = "azerty_fr", _("AZERTY (French)")
    QWERTY_US = "qwerty_us", _("QWERTY (US / international)")
    QWERTY_UK = "qwerty_uk", _("QWERTY (UK)")
    QWERTZ = "qwertz", _("QWERTZ (German)")
    OTHER = "other", _("other layout")


class Accessory(models.TextChoices):
    CHARGER = "charger", _("charger")
    MOUSE = "mouse", _("mouse")
    KEYBOARD = "keyboard", _("keyboard")
    BAG = "bag", _("bag or sleeve")
    HEADSET = "headset", _("headset")
    WEBCAM = "webcam", _("webcam")
    CABLE = "cable", _("cable")
    STYLUS = "stylus", _("stylus")
    CASE = "case", _("protective case")
    EID_READER = "eid_reader", _("eID card reader")


class DonorKind(models.TextChoices):
    COMPANY = "company", _("company")
    ORGANISATION = "organisation", _("other organisation")
    PRIVATE = "private", _("private person")


class DonationStatus(models.TextChoices):
    OFFERED = "offered", _("offered")
    ACCEPTED = "accepted", _("accepted, waiting for the devices")
    RECEIVED = "received", _("received")
    DECLINED = "declined", _("declined")


class Delivery(models.TextChoices):
    PICK_UP = "pick_up", _("we pick the devices up")
    DROP_OFF = "drop_off", _("the donor drops them off")


class Donation(models.Model):
    """A batch of hardware given by one donor."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="donations")
    reference = models.CharField(_("reference code"), max_length=12, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DonationStatus.choices, default=DonationStatus.ACCEPTED
    )
    donor_kind = models.CharField(_("donor"), max_length=15, choices=DonorKind.choices)
    donor_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("partner company"),
    )
    donor_name = models.CharField(_("name of the donor"), max_length=150, blank=True)
    company_number = models.CharField(_("company number"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=30, blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    delivery = models.CharField(
        _("pick-up or drop-off"), max_length=10, choices=Delivery.choices, default=Delivery.DROP_OFF
    )
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("hub that receives the devices"),
    )
    expected_counts = models.JSONField(_("devices announced per kind"), default=dict, blank=True)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    wants_certificate = models.BooleanField(_("wants an erasure certificate"), default=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        indexes = [
            models.Index(fields=["digibank", "status", "-created_at"]),
            models.Index(fields=["digibank", "donor_partner"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(donor_kind="company")
                | Q(donor_partner__isnull=False)
                | ~Q(donor_name=""),
                name="donation_company_is_named",
            ),
            models.CheckConstraint(
                condition=~Q(donor_kind="private") | ~Q(donor_name=""),
                name="donation_private_donor_is_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.donor_display}"

    @property
    def donor_display(self) -> str:
        if self.donor_partner_id:
            return self.donor_partner.name
        return self.donor_name


class TagSequence(models.Model):
    """The next asset-tag number of a digibank; its row is locked while a number is taken."""

    digibank = models.OneToOneField(Digibank, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=6)
    next_number = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.prefix}-{self.next_number}"


class DeviceStateCount(models.Model):
    """How many devices a digibank has in each state, kept up to date by the services.

    The inventory page shows these counts on every request; counting 100,000 rows each time
    would be the slowest part of the page. `services.counts.recount` rebuilds them from scratch.
    """

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=15, choices=DeviceState.choices)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digibank", "state"], name="one_count_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.count}"


class DeviceImport(models.Model):
    """One imported asset list; the file's hash makes a second import of the same file a no-op."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="+")
    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["digibank", "file_sha256"], name="device_import_once_per_file"
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class Device(models.Model):
    """One piece of hardware with an asset tag."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="devices")
    donation = models.ForeignKey(
        Donation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("donation"),
    )
    device_import = models.ForeignKey(
        DeviceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="devices"
    )
    import_row = models.PositiveIntegerField(null=True, blank=True)
    tag_number = models.PositiveIntegerField()
    asset_tag = models.CharField(_("asset tag"), max_length=16)
    kind = models.CharField(_("kind"), max_length=15, choices=DeviceKind.choices)
    state = models.CharField(
        _("state"), max_length=15, choices=DeviceState.choices, default=DeviceState.RECEIVED
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    brand = models.CharField(_("brand"), max_length=60, blank=True)
    model = models.CharField(_("model"), max_length=100, blank=True)
    serial = models.CharField(_("serial number"), max_length=60, blank=True)
    # The serial in upper case without spaces or punctuation, for search and duplicate checks.
    serial_key = models.CharField(max_length=60, blank=True, editable=False)
    processor = models.CharField(_("processor"), max_length=100, blank=True)
    memory_gb = models.PositiveSmallIntegerField(_("memory (GB)"), null=True, blank=True)
    storage_gb = models.PositiveIntegerField(_("storage (GB)"), null=True, blank=True)
    screen_inch = models.DecimalField(
        _("screen size (inch)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    battery_health = models.PositiveSmallIntegerField(
        _("battery health (%)"), null=True, blank=True
    )
    operating_system = models.CharField(_("operating system"), max_length=60, blank=True)
    keyboard_layout = models.CharField(
        _("keyboard layout"), max_length=10, choices=KeyboardLayout.choices, blank=True
    )
    accessories = models.JSONField(_("accessories"), default=list, blank=True)
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    condition_notes = models.CharField(_("notes on the condition"), max_length=500, blank=True)
    data_plan = models.CharField(_("data plan"), max_length=120, blank=True)
    plan_ends_on = models.DateField(_("plan ends on"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, blank=True)
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("hub"),
    )
    photo = models.ImageField(_("photo"), upload_to="devices/%Y/%m/", blank=True)
    recycler = models.CharField(_("recycler"), max_length=150, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("state changed at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        indexes = [
            # Lists are read newest first within one digibank, optionally filtered by one column:
            # each filter has an index ending in id so the keyset page is a short index range.
            models.Index(fields=["digibank", "id"], name="device_bank_id"),
            models.Index(fields=["digibank", "state", "id"], name="device_bank_state"),
            models.Index(fields=["digibank", "kind", "id"], name="device_bank_kind"),
            models.Index(fields=["digibank", "hub", "id"], name="device_bank_hub"),
            models.Index(fields=["digibank", "grade", "id"], name="device_bank_grade"),
            models.Index(fields=["digibank", "donation", "id"], name="device_bank_donation"),
            # Prefix search: LIKE 'ABC%' can use these on PostgreSQL thanks to the pattern ops;
            # SQLite ignores the operator classes and is searched with a range instead.
            models.Index(
                fields=["digibank", "serial_key"],
                name="device_serial_prefix",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["digibank", "asset_tag"],
                name="device_tag_prefix",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["digibank", "asset_tag"], name="unique_asset_tag"),
            models.UniqueConstraint(fields=["digibank", "tag_number"], name="unique_tag_number"),
            models.UniqueConstraint(
                fields=["digibank", "serial_key"],
                condition=~Q(serial_key=""),
                name="unique_serial_per_digibank",
            ),
            models.CheckConstraint(
                condition=Q(battery_health__isnull=True) | Q(battery_health__lte=100),
                name="battery_health_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(state__in=DeviceState.values), name="device_state_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset_tag} – {self.title}"

    @property
    def title(self) -> str:
        name = " ".join(part for part in (self.brand, self.model) if part)
        return name or str(self.get_kind_display())

    @property
    def carries_storage(self) -> bool:
        return self.kind in STORAGE_KINDS

    def get_accessories_display(self) -> list[str]:
        labels = dict(Accessory.choices)
        return [str(labels.get(code, code)) for code in self.accessories]


class DeviceEvent(models.Model):
    """One line of a device's history: a state change, or work done without a state change."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("registered")
        TRANSITION = "transition", _("state changed")
        WIPE = "wipe", _("wipe recorded")
        CHECKLIST = "checklist", _("refurbishing checklist")
        REPAIR = "repair", _("repair")
        EDIT = "edit", _("details changed")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TRANSITION)
    from_state = models.CharField(max_length=15, choices=DeviceState.choices, blank=True)
    to_state = models.CharField(max_length=15, choices=DeviceState.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["device", "-at"])]

    def __str__(self) -> str:
        return f"{self.device_id}: {self.from_state} → {self.to_state}"


class MediumKind(models.TextChoices):
    HDD = "hdd", _("hard disk (HDD)")
    SSD = "ssd", _("solid-state drive (SATA SSD)")
    NVME = "nvme", _("NVMe drive")
    EMMC = "emmc", _("built-in flash (eMMC / UFS)")
    SD_CARD = "sd_card", _("memory card")
    OTHER = "other", _("other storage")


class StorageMedium(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(_("kind of storage"), max_length=10, choices=MediumKind.choices)
    capacity_gb = models.PositiveIntegerField(_("capacity (GB)"), null=True, blank=True)
    serial = models.CharField(_("serial number of the drive"), max_length=60, blank=True)
    # Set when the drive leaves the device (destroyed or taken out); its wipes stay on record.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("storage medium")
        verbose_name_plural = _("storage media")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial}".strip()


class WipeMethod(models.TextChoices):
    """NIST SP 800-88 Rev. 1, Guidelines for Media Sanitization, section 2.5."""

    CLEAR = "clear", _("Clear (overwrite all user data)")
    PURGE = "purge", _("Purge (secure erase / cryptographic erase)")
    DESTROY = "destroy", _("Destroy (shred, disintegrate, pulverise)")


class WipeResult(models.TextChoices):
    PASSED = "passed", _("verified: no data left")
    FAILED = "failed", _("verification failed")


class Wipe(models.Model):
    medium = models.ForeignKey(StorageMedium, on_delete=models.CASCADE, related_name="wipes")
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="wipes")
    cycle = models.PositiveSmallIntegerField()
    method = models.CharField(_("method"), max_length=10, choices=WipeMethod.choices)
    tool = models.CharField(_("tool"), max_length=120)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operator"),
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"))
    result = models.CharField(_("verification result"), max_length=10, choices=WipeResult.choices)
    verification_note = models.CharField(_("how it was verified"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ended_at", "-id"]
        verbose_name = _("wipe")
        verbose_name_plural = _("wipes")
        indexes = [models.Index(fields=["device", "cycle"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gte=models.F("started_at")), name="wipe_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.ended_at:%Y-%m-%d}"


class RefurbishChecklist(models.Model):
    """The technician's checklist for one device in one cycle, with the grade it earned."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="checklists")
    cycle = models.PositiveSmallIntegerField()
    checked = models.JSONField(_("done"), default=list, blank=True)
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    complete = models.BooleanField(default=False)
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle"]
        constraints = [
            models.UniqueConstraint(fields=["device", "cycle"], name="one_checklist_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.device_id} cycle {self.cycle}"


class RepairOutcome(models.TextChoices):
    FIXED = "fixed", _("fixed")
    REPAIRABLE = "repairable", _("repairable, not fixed yet")
    END_OF_LIFE = "end_of_life", _("end of life")


class RepairBarrier(models.TextChoices):
    NO_PARTS = "no_parts", _("spare parts not available")
    PARTS_TOO_EXPENSIVE = "parts_cost", _("spare parts too expensive")
    NO_INFORMATION = "no_information", _("no repair information")
    SPECIAL_TOOLS = "special_tools", _("special tools needed")
    GLUED = "glued", _("glued or soldered parts")
    SOFTWARE_LOCK = "software_lock", _("software lock or parts pairing")
    NO_UPDATES = "no_updates", _("no more software updates")
    TOO_MUCH_TIME = "time", _("would take too much time")


class Repair(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="repairs")
    fault = models.CharField(_("fault"), max_length=500)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=RepairOutcome.choices, blank=True
    )
    barriers = models.JSONField(_("barriers to repair"), default=list, blank=True)
    parts = models.CharField(_("parts used"), max_length=300, blank=True)
    minutes = models.PositiveIntegerField(_("time spent (minutes)"), default=0)
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("repair")
        verbose_name_plural = _("repairs")

    def __str__(self) -> str:
        return self.fault[:50]

    def get_barriers_display(self) -> list[str]:
        labels = dict(RepairBarrier.choices)
        return [str(labels.get(code, code)) for code in self.barriers]
