from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "digibank.insights"
    label = "insights"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from digibank.help.models import Visit
        from digibank.insights.home import region_headlines
        from digibank.insights.sources import ReachSource, register
        from digibank.lending.models import Loan
        from digibank.organisations.hooks import register_region_headlines
        from digibank.skills.models import Enrolment, EnrolmentStatus, SkillsCheck

        register_region_headlines(region_headlines)
        # Where people are reached (sources.py says what each one counts).
        register(
            ReachSource("loans", _("devices"), Loan.objects.all, at="handed_over_at", hub="hub_id")
        )
        register(
            ReachSource(
                "enrolments",
                _("courses"),
                lambda: Enrolment.objects.filter(
                    status__in=[EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED]
                ),
                at="session__starts_at",
                hub="session__hub_id",
            )
        )
        register(
            ReachSource(
                "visits", _("help visits"), Visit.objects.all, at="visited_at", hub="hub_id"
            )
        )
        register(
            ReachSource(
                "skills_checks",
                _("skills checks"),
                lambda: SkillsCheck.objects.filter(completed_at__isnull=False),
                at="completed_at",
            )
        )
