"""The workshop: storage media and their wipes, refurbishing checklists and repairs.

Wipes and checklists belong to a *cycle*: a device starts in cycle 1 and starts a new cycle each
time it comes back from a person, so a wipe done before a loan never counts for the next one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.devices.models.devices import Device, Grade


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
