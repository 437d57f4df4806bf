"""Registry operations called directly: state, dates, audit entries and e-mails."""

from datetime import date, timedelta

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases import registry
from casework.cases.models import CaseState, RespondentAnswer
from casework.errors import IllegalTransition, InvalidInput, NotPermitted, StaleCase
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_user

TODAY = date(2026, 11, 30)


def outbox(kind: str) -> list[str]:
    """Recipients of the queued e-mails of ``kind``, sorted."""
    return sorted(
        db.session.scalars(db.select(OutboxMessage.recipient).filter_by(kind=kind))
    )


def audit_actions(case) -> list[str]:
    return list(db.session.scalars(db.select(AuditEntry.action).filter_by(case_id=case.id)))


@pytest.fixture()
def registrar():
    return make_user(Role.REGISTRAR)


def _people(case):
    """The claimant's user and a respondent representative."""
    respondent_user = make_user(Role.PARTY, organisation=case.respondent.organisation)
    return case.created_by, respondent_user


# --- acknowledgement ---------------------------------------------------------------------------


def test_acknowledge_with_prior_agreement_commences_on_the_acknowledgement_date(registrar):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=True)
    claimant, respondent = _people(case)

    registry.acknowledge_filing(registrar, case, expected_version=case.version, today=TODAY)

    assert case.state == CaseState.COMMENCED
    assert case.acknowledged_on == case.filing_date == case.commencement_date == TODAY
    assert audit_actions(case) == ["acknowledge_and_commence"]
    entry = db.session.scalars(db.select(AuditEntry).filter_by(case_id=case.id)).one()
    assert entry.actor_id == registrar.id
    assert entry.changes["state"] == ["filed", "commenced"]
    assert entry.changes["commencement_date"] == [None, TODAY.isoformat()]
    everyone = sorted([claimant.email, respondent.email])
    assert outbox("filing_acknowledged") == everyone
    assert outbox("mediation_commenced") == everyone


def test_acknowledge_without_prior_agreement_awaits_the_respondent(registrar):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=False)
    claimant, respondent = _people(case)

    registry.acknowledge_filing(registrar, case, expected_version=case.version, today=TODAY)

    assert case.state == CaseState.AWAITING_RESPONDENT
    assert case.acknowledged_on == case.filing_date == TODAY
    assert case.commencement_date is None
    assert audit_actions(case) == ["acknowledge"]
    assert outbox("filing_acknowledged") == sorted([claimant.email, respondent.email])
    assert outbox("mediation_commenced") == []


def test_acknowledge_after_the_respondent_agreed_commences(registrar):
    case = make_case(
        CaseState.FILED, prior_agreement_to_mediate=False,
        respondent_answer=RespondentAnswer.AGREE, respondent_answered_on=TODAY - timedelta(days=1),
    )

    registry.acknowledge_filing(registrar, case, expected_version=case.version, today=TODAY)

    assert case.state == CaseState.COMMENCED
    assert case.commencement_date == TODAY
    assert audit_actions(case) == ["acknowledge_and_commence"]
    assert outbox("mediation_commenced") == [case.created_by.email]


def test_acknowledgement_mail_is_in_the_recipients_language(registrar):
    from casework.accounts.models import Locale

    case = make_case(CaseState.FILED)
    chinese_reader = make_user(
        Role.PARTY, organisation=case.respondent.organisation, locale=Locale.ZH
    )

    registry.acknowledge_filing(registrar, case, expected_version=case.version, today=TODAY)

    message = db.session.scalars(
        db.select(OutboxMessage).filter_by(kind="filing_acknowledged", recipient=chinese_reader.email)
    ).one()
    assert message.locale == "zh_Hans"
    assert case.reference in message.subject
    assert f"/cases/{case.id}" in message.body


def test_stale_acknowledgement_changes_nothing(registrar):
    case = make_case(CaseState.FILED)
    version = case.version

    with pytest.raises(StaleCase):
        registry.acknowledge_filing(registrar, case, expected_version=version - 1, today=TODAY)

    assert case.state == CaseState.FILED
    assert case.filing_date is None
    assert audit_actions(case) == []
    assert outbox("filing_acknowledged") == []


def test_acknowledgement_in_the_wrong_state_is_refused(registrar):
    case = make_case(CaseState.AWAITING_RESPONDENT, prior_agreement_to_mediate=False)

    with pytest.raises(IllegalTransition):
        registry.acknowledge_filing(registrar, case, expected_version=case.version, today=TODAY)

    assert case.state == CaseState.AWAITING_RESPONDENT
    assert audit_actions(case) == []


def test_only_a_registrar_acknowledges():
    case = make_case(CaseState.FILED)

    with pytest.raises(NotPermitted):
        registry.acknowledge_filing(
            case.created_by, case, expected_version=case.version, today=TODAY
        )

    assert case.state == CaseState.FILED


# --- information requests ----------------------------------------------------------------------


def test_request_and_provide_information_round_trip(registrar):
    case = make_case(CaseState.FILED)
    claimant, respondent = _people(case)
    other_registrar = make_user(Role.REGISTRAR)

    registry.request_information(
        registrar, case, "  Please file the signed contract.  ", expected_version=case.version
    )
    db.session.flush()

    assert case.state == CaseState.INFO_REQUESTED
    assert case.info_request == "Please file the signed contract."
    assert outbox("information_requested") == [claimant.email]  # not the respondent

    registry.provide_information(
        claimant, case, "Uploaded as document 3.", expected_version=case.version
    )

    assert case.state == CaseState.FILED
    assert case.info_response == "Uploaded as document 3."
    assert outbox("information_provided") == sorted([registrar.email, other_registrar.email])
    assert audit_actions(case) == ["request_info", "provide_info"]


def test_a_new_request_clears_the_previous_answer(registrar):
    case = make_case(CaseState.FILED, info_request="Old question", info_response="Old answer")

    registry.request_information(registrar, case, "New question", expected_version=case.version)

    assert case.info_request == "New question"
    assert case.info_response is None
    entry = db.session.scalars(db.select(AuditEntry).filter_by(case_id=case.id)).one()
    assert entry.changes["info_response"] == ["Old answer", None]


@pytest.mark.parametrize("text", ["", "   ", None])
def test_request_information_needs_a_text(registrar, text):
    case = make_case(CaseState.FILED)

    with pytest.raises(InvalidInput):
        registry.request_information(registrar, case, text, expected_version=case.version)

    assert case.state == CaseState.FILED
    assert case.info_request is None
    assert audit_actions(case) == []


def test_only_the_claimant_provides_information(registrar):
    case = make_case(CaseState.INFO_REQUESTED, info_request="Which contract?")
    _, respondent = _people(case)

    for actor in (respondent, registrar):
        with pytest.raises(NotPermitted):
            registry.provide_information(actor, case, "This one", expected_version=case.version)

    assert case.state == CaseState.INFO_REQUESTED


# --- rejection ---------------------------------------------------------------------------------


def test_reject_filing_records_reasons_and_tells_the_parties(registrar):
    case = make_case(CaseState.INFO_REQUESTED)
    claimant, respondent = _people(case)

    registry.reject_filing(registrar, case, "No agreement to mediate.", expected_version=case.version)

    assert case.state == CaseState.REJECTED
    assert case.rejection_reasons == "No agreement to mediate."
    assert audit_actions(case) == ["reject"]
    assert outbox("filing_rejected") == sorted([claimant.email, respondent.email])
    body = db.session.scalars(db.select(OutboxMessage.body).filter_by(kind="filing_rejected")).first()
    assert "No agreement to mediate." in body


def test_reject_needs_reasons(registrar):
    case = make_case(CaseState.FILED)

    with pytest.raises(InvalidInput):
        registry.reject_filing(registrar, case, " ", expected_version=case.version)

    assert case.state == CaseState.FILED
    assert case.rejection_reasons is None


def test_a_commenced_case_cannot_be_rejected(registrar):
    case = make_case(CaseState.COMMENCED)

    with pytest.raises(IllegalTransition):
        registry.reject_filing(registrar, case, "Too late", expected_version=case.version)

    assert case.state == CaseState.COMMENCED


# --- filing fee --------------------------------------------------------------------------------


def test_record_fee_payment(registrar):
    case = make_case(CaseState.AWAITING_RESPONDENT)

    registry.record_fee_payment(
        registrar, case, TODAY, " TT-4471 ", expected_version=case.version, today=TODAY
    )

    assert case.state == CaseState.AWAITING_RESPONDENT
    assert case.fee_paid_on == TODAY
    assert case.fee_payment_reference == "TT-4471"
    entry = db.session.scalars(db.select(AuditEntry).filter_by(case_id=case.id)).one()
    assert entry.action == "record_fee_payment"
    assert entry.changes["fee_payment_reference"] == [None, "TT-4471"]


def test_fee_payment_cannot_be_dated_in_the_future(registrar):
    case = make_case(CaseState.FILED)

    with pytest.raises(InvalidInput):
        registry.record_fee_payment(
            registrar, case, TODAY + timedelta(days=1), "TT-1", expected_version=case.version,
            today=TODAY,
        )

    assert case.fee_paid_on is None
    assert audit_actions(case) == []


def test_fee_payment_needs_a_reference(registrar):
    case = make_case(CaseState.FILED)

    with pytest.raises(InvalidInput):
        registry.record_fee_payment(
            registrar, case, TODAY, "  ", expected_version=case.version, today=TODAY
        )

    assert case.fee_paid_on is None


def test_fee_payment_is_recorded_once(registrar):
    case = make_case(CaseState.FILED, fee_paid_on=TODAY, fee_payment_reference="TT-1")

    with pytest.raises(IllegalTransition):
        registry.record_fee_payment(
            registrar, case, TODAY, "TT-2", expected_version=case.version, today=TODAY
        )

    assert case.fee_payment_reference == "TT-1"


def test_only_a_registrar_records_the_fee():
    case = make_case(CaseState.FILED)

    with pytest.raises(NotPermitted):
        registry.record_fee_payment(
            case.created_by, case, TODAY, "TT-1", expected_version=case.version, today=TODAY
        )


# --- withdrawal --------------------------------------------------------------------------------


def test_withdrawal_tells_everyone_on_the_case(registrar):
    mediator = make_user(Role.MEDIATOR)
    case = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator, registrar=registrar)
    claimant, respondent = _people(case)
    inactive_registrar = make_user(Role.REGISTRAR)
    inactive_registrar.active = False
    db.session.flush()

    registry.withdraw_case(claimant, case, "Settled directly.", expected_version=case.version)

    assert case.state == CaseState.WITHDRAWN
    assert case.withdrawal_reasons == "Settled directly."
    assert audit_actions(case) == ["withdraw"]
    assert outbox("case_withdrawn") == sorted(
        [claimant.email, respondent.email, registrar.email, mediator.email]
    )


def test_withdrawal_tells_the_pending_proposed_mediator(registrar):
    mediator = make_user(Role.MEDIATOR)
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator, registrar=registrar)

    registry.withdraw_case(case.created_by, case, "Settled.", expected_version=case.version)

    assert mediator.email in outbox("case_withdrawn")


def test_withdrawal_needs_reasons():
    case = make_case(CaseState.FILED)

    with pytest.raises(InvalidInput):
        registry.withdraw_case(case.created_by, case, "", expected_version=case.version)

    assert case.state == CaseState.FILED


def test_only_the_claimant_withdraws(registrar):
    case = make_case(CaseState.FILED)
    _, respondent = _people(case)

    for actor in (respondent, registrar):
        with pytest.raises(NotPermitted):
            registry.withdraw_case(actor, case, "No", expected_version=case.version)

    assert case.state == CaseState.FILED


def test_a_withdrawn_case_cannot_be_withdrawn_again():
    case = make_case(CaseState.WITHDRAWN)

    with pytest.raises(IllegalTransition):
        registry.withdraw_case(case.created_by, case, "Again", expected_version=case.version)
