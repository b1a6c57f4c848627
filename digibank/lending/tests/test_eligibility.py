"""Eligibility: the digibank's rules, the proof staff saw (never the document), the decision."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.devices.tests.helpers import make_digibank
from digibank.lending import services
from digibank.lending.defaults import DEFAULT_RULES
from digibank.lending.models import (
    EligibilityDecision,
    EligibilityRule,
    EvidenceKind,
    EvidenceSeen,
    LendingRegulation,
    Outcome,
    RequestStatus,
)
from digibank.lending.tests.helpers import allow_referrers_to_decide, new_request, rule
from digibank.messaging.models import Message, MessageKind
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_new_digibank_starts_with_the_standard_rules_and_regulation(world):
    digibank, _coordinator = make_digibank("lier")
    codes = set(EligibilityRule.objects.filter(digibank=digibank).values_list("code", flat=True))
    assert codes == {
        "increased_allowance",
        "living_wage",
        "debt_mediation",
        "job_seeker",
        "pupil",
        "social_referral",
    }
    regulation = LendingRegulation.objects.get(digibank=digibank)
    assert regulation.version == 1
    assert "verhoogde tegemoetkoming" in regulation.text_nl
    assert "revenu d'intégration" in regulation.text_fr
    assert "living wage" in regulation.text_en


def test_a_standard_rule_shows_its_name_in_the_readers_language(world):
    living_wage = rule(world.a, "living_wage")
    assert living_wage.name == ""
    assert living_wage.label == "Living wage or social assistance (leefloon)"
    services.update_rule(rule=living_wage, by=act(world.a.users["coordinator"]), name="Leefloon")
    assert living_wage.label == "Leefloon"


@pytest.mark.parametrize("default", DEFAULT_RULES, ids=lambda rule: rule.code)
def test_every_rule_accepts_its_own_proof(world, default):
    coordinator = world.a.users["coordinator"]
    for evidence in default.evidence_kinds:
        request = new_request(world.a)
        services.record_evidence(request=request, by=act(coordinator), kind=evidence)
        decision = services.decide_eligibility(
            request=request,
            by=act(coordinator),
            outcome=Outcome.ELIGIBLE,
            rule=rule(world.a, default.code),
        )
        assert decision.rule.code == default.code
        assert request.status == RequestStatus.WAITING
        assert request.eligibility_rule.code == default.code


@pytest.mark.parametrize("default", DEFAULT_RULES, ids=lambda rule: rule.code)
def test_every_rule_refuses_a_request_without_its_proof(world, default):
    coordinator = world.a.users["coordinator"]
    request = new_request(world.a)
    other = next(kind for kind in EvidenceKind if kind not in default.evidence_kinds)
    services.record_evidence(request=request, by=act(coordinator), kind=other)
    with pytest.raises(DomainError) as error:
        services.decide_eligibility(
            request=request,
            by=act(coordinator),
            outcome=Outcome.ELIGIBLE,
            rule=rule(world.a, default.code),
        )
    assert error.value.field == "rule"
    assert "Record the proof you saw first" in error.value.message
    assert request.status == RequestStatus.SUBMITTED
    assert not EligibilityDecision.objects.exists()


def test_the_proof_is_noted_by_kind_who_and_when_never_the_document(world):
    referrer = world.a.users["referrer"]
    request = new_request(world.a)
    seen = services.record_evidence(
        request=request,
        by=act(referrer),
        kind=EvidenceKind.SOCIAL_REFERRAL,
        note="valid until June",
    )
    assert (seen.kind, seen.seen_by, seen.note) == ("social_referral", referrer, "valid until June")
    assert seen.seen_at is not None
    field_names = {field.name for field in EvidenceSeen._meta.get_fields()}
    assert not field_names & {"file", "document", "scan", "photo", "number"}
    with pytest.raises(DomainError) as error:
        services.record_evidence(
            request=request, by=act(referrer), kind=EvidenceKind.OTHER, note="RRN 85.07.30-033.28"
        )
    assert error.value.field == "note"


def test_a_referrer_notes_the_proof_but_does_not_decide_by_default(world):
    referrer = world.a.users["referrer"]
    theirs = new_request(world.a)
    services.record_evidence(request=theirs, by=act(referrer), kind=EvidenceKind.SOCIAL_REFERRAL)
    with pytest.raises(PermissionDenied):
        services.decide_eligibility(
            request=theirs,
            by=act(referrer),
            outcome=Outcome.ELIGIBLE,
            rule=rule(world.a, "social_referral"),
        )
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.SUBMITTED
    assert not theirs.decisions.exists()


def test_a_referrer_decides_for_their_partners_people_only_where_the_digibank_allows_it(world):
    allow_referrers_to_decide(world.a)
    referrer = world.a.users["referrer"]
    theirs = new_request(world.a)
    services.record_evidence(request=theirs, by=act(referrer), kind=EvidenceKind.SOCIAL_REFERRAL)
    services.decide_eligibility(
        request=theirs,
        by=act(referrer),
        outcome=Outcome.ELIGIBLE,
        rule=rule(world.a, "social_referral"),
    )
    assert theirs.status == RequestStatus.WAITING
    other = new_request(world.a, person=world.a.person)
    with pytest.raises(PermissionDenied):
        services.record_evidence(request=other, by=act(referrer), kind=EvidenceKind.SOCIAL_REFERRAL)
    with pytest.raises(PermissionDenied):
        services.decide_eligibility(request=other, by=act(referrer), outcome=Outcome.NOT_ELIGIBLE)


def test_the_hub_volunteer_notes_the_proof_at_the_desk_for_anyone(world):
    volunteer = world.a.users["hub_volunteer"]
    for person in (world.a.person, world.a.referred_person):
        request = new_request(world.a, person=person)
        seen = services.record_evidence(
            request=request, by=act(volunteer), kind=EvidenceKind.LIVING_WAGE
        )
        assert seen.seen_by == volunteer


@pytest.mark.parametrize("role", ["technician", "trainer", "analyst"])
def test_other_roles_cannot_note_a_proof(world, role):
    request = new_request(world.a)
    with pytest.raises(PermissionDenied):
        services.record_evidence(
            request=request, by=act(world.a.users[role]), kind=EvidenceKind.LIVING_WAGE
        )


@pytest.mark.parametrize("role", ["hub_volunteer", "technician", "trainer", "analyst"])
def test_other_roles_cannot_decide(world, role):
    request = new_request(world.a)
    allow_referrers_to_decide(world.a)  # only a referrer's grant depends on it
    with pytest.raises(PermissionDenied):
        services.decide_eligibility(
            request=request, by=act(world.a.users[role]), outcome=Outcome.NOT_ELIGIBLE, reason="no"
        )


def test_a_rule_that_is_switched_off_or_of_another_digibank_is_refused(world):
    coordinator = world.a.users["coordinator"]
    request = new_request(world.a)
    services.record_evidence(request=request, by=act(coordinator), kind=EvidenceKind.LIVING_WAGE)
    services.update_rule(rule=rule(world.a, "living_wage"), by=act(coordinator), active=False)
    with pytest.raises(DomainError, match="switched off"):
        services.decide_eligibility(
            request=request, by=act(coordinator), outcome=Outcome.ELIGIBLE, rule=rule(world.a)
        )
    with pytest.raises(DomainError, match="of this digibank"):
        services.decide_eligibility(
            request=request, by=act(coordinator), outcome=Outcome.ELIGIBLE, rule=rule(world.b)
        )


def test_a_refusal_needs_a_reason_and_can_be_reconsidered(world):
    coordinator = world.a.users["coordinator"]
    request = new_request(world.a)
    with pytest.raises(DomainError) as error:
        services.decide_eligibility(
            request=request, by=act(coordinator), outcome=Outcome.NOT_ELIGIBLE
        )
    assert error.value.field == "reason"
    services.decide_eligibility(
        request=request, by=act(coordinator), outcome=Outcome.NOT_ELIGIBLE, reason="Income too high"
    )
    assert request.status == RequestStatus.REJECTED
    assert Message.objects.filter(kind=MessageKind.REQUEST_REFUSED).count() == 1
    services.record_evidence(request=request, by=act(coordinator), kind=EvidenceKind.DEBT_MEDIATION)
    services.decide_eligibility(
        request=request,
        by=act(coordinator),
        outcome=Outcome.ELIGIBLE,
        rule=rule(world.a, "debt_mediation"),
    )
    assert request.status == RequestStatus.WAITING
    assert [d.outcome for d in request.decisions.order_by("id")] == ["not_eligible", "eligible"]
    assert AuditEntry.objects.filter(object_type="lending.eligibilitydecision").count() == 2


def test_an_eligible_request_without_a_chosen_device_waits_for_that_choice(world):
    coordinator = world.a.users["coordinator"]
    request = new_request(world.a, device_kind="")
    services.record_evidence(request=request, by=act(coordinator), kind=EvidenceKind.LIVING_WAGE)
    services.decide_eligibility(
        request=request, by=act(coordinator), outcome=Outcome.ELIGIBLE, rule=rule(world.a)
    )
    assert request.status == RequestStatus.ELIGIBLE


def test_coordinators_add_and_change_rules(world):
    coordinator = world.a.users["coordinator"]
    added = services.add_rule(
        digibank=world.a.digibank,
        by=act(coordinator),
        name="Newcomer with an integration course",
        priority=3,
        evidence_kinds=[EvidenceKind.OTHER],
    )
    assert added.code.startswith("newcomer-with-an-integration")
    with pytest.raises(DomainError) as error:
        services.add_rule(
            digibank=world.a.digibank,
            by=act(coordinator),
            name="newcomer with an integration course",
            priority=3,
            evidence_kinds=[EvidenceKind.OTHER],
        )
    assert error.value.field == "name"
    with pytest.raises(DomainError) as error:
        services.update_rule(rule=added, by=act(coordinator), priority=0)
    assert error.value.field == "priority"
    with pytest.raises(DomainError) as error:
        services.update_rule(rule=added, by=act(coordinator), evidence_kinds=[])
    assert error.value.field == "evidence_kinds"
    with pytest.raises(PermissionDenied):
        services.update_rule(rule=added, by=act(world.a.users["referrer"]), priority=1)
