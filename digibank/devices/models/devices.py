"""Devices: what a device is, its state, and everything kept about it outside the workshop.

A device's state changes only through `digibank.devices.lifecycle.DEVICE_STATES` (via
`services.transition`); every change is kept as a `DeviceEvent`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.devices.models.donations import Donation
from digibank.organisations.models import Digibank, Hub


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
            # The figures count the devices registered in a period (insights).
            models.Index(fields=["digibank", "created_at"], name="device_bank_created"),
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
        indexes = [
            models.Index(fields=["device", "-at"]),
            # The figures count the moves of a period by state (insights): a range on `at`.
            models.Index(fields=["at", "to_state"], name="device_event_at_state"),
        ]

    def __str__(self) -> str:
        return f"{self.device_id}: {self.from_state} → {self.to_state}"
