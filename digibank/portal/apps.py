from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The edge that people land on: the public home and information pages, the staff home,
    each digibank's dashboard and the user's own account pages. It reads every layer below."""

    name = "digibank.portal"
    label = "portal"
    verbose_name = _("Portal")
