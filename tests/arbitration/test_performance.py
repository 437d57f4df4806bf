"""Recording performance of the settlement through the performance page: payments received per
instalment (partial, full, refused overpayments and bad input), deliveries and acts performed,
receipts to the parties, and the case closing itself once everything is performed after the
award — not before."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.arbitration.closing import FULLY_PERFORMED_REASON
from casework.arbitration.models import PerformanceRecord
from casework.arbitration.performance import (
    amounts_owed_for,
    record_obligation_performed,
    record_payment,
)
from casework.arbitration.proceedings import proceeding_for
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.cases.simc_clock import simc_today
from casework.errors import InvalidInput, StaleCase
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.arbitration.award_helpers import add_escalated_proceeding
from tests.arbitration.performance_scenes import settlement_case_in
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

D = Decimal
RECEIVED = date(2026, 11, 20)
# VALID_TERMS: 1 a single payment of ¥325.04; 2 ¥100,000.00 in instalments of ¥40,000.00,
# ¥30,000.00 and ¥30,000.00; 3 a delivery; 4 an act.


def url(case) -> str:
    return f"/cases/{case.id}/arbitration/performance"


def pay(client, case, line: str, amount: str, received_on: date = RECEIVED, note: str = ""):
    """The registrar posts the payment form."""
    return client.post(url(case), data={
        "version": str(case.version), "record": "payment", "line": line, "amount": amount,
        "received_on": received_on.isoformat(), "note": note,
    })


def perform(client, case, obligation: str, note: str = "Delivery note DN-1207, signed.",
            performed_on: date = RECEIVED):
    """The registrar posts the performance form."""
    return client.post(url(case), data={
        "version": str(case.version), "record": "act", "obligation": obligation,
        "performed_on": performed_on.isoformat(), "note": note,
    })


def records(case) -> list[tuple]:
    return [(r.obligation_number, r.instalment_number, r.amount, r.performed_on, r.note)
            for r in db.session.scalars(sa.select(PerformanceRecord).filter_by(case_id=case.id)
                                        .order_by(PerformanceRecord.id))]


def counts() -> tuple[int, int, int]:
    """Performance records, audit entries and queued e-mails."""
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (PerformanceRecord, AuditEntry, OutboxMessage))


def owed_on(case, obligation: int, instalment: int | None) -> Decimal:
    line = next(line for line in amounts_owed_for(case).lines
                if (line.obligation, line.instalment) == (obligation, instalment))
    return line.owed


def pay_everything_but(scene, *, leave: tuple = ()) -> None:
    """Through the operations: pay every payment and instalment and perform the delivery and
    the act, except the parts named in ``leave`` ((2, 3) or 4 ...)."""
    for obligation, instalment, amount in ((1, None, "325.04"), (2, 1, "40000.00"),
                                           (2, 2, "30000.00"), (2, 3, "30000.00")):
        if (obligation, instalment) not in leave:
            record_payment(scene.registrar, scene.case, obligation=obligation,
                           instalment=instalment, amount=D(amount), received_on=RECEIVED,
                           expected_version=None)
    for obligation in (3, 4):
        if obligation not in leave:
            record_obligation_performed(scene.registrar, scene.case, obligation=obligation,
                                        performed_on=RECEIVED, note="Confirmed by both sides.",
                                        expected_version=None)
    db.session.commit()


# The page ---------------------------------------------------------------------------------


def test_the_page_shows_what_is_due_paid_and_owed(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    record_payment(scene.registrar, scene.case, obligation=2, instalment=1,
                   amount=D("15000.00"), received_on=RECEIVED, expected_version=None)
    db.session.commit()
    login(scene.registrar)

    page = client.get(url(scene.case))

    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for figures in ("¥325.04", "¥40,000.00", "¥15,000.00", "¥25,000.00", "¥85,325.04"):
        assert figures in text, figures
    assert "Not yet performed" in text
    assert 'value="2.1"' in text and 'value="3"' in text  # the forms offer what is owed


def test_a_partial_payment_is_recorded_and_the_parties_get_a_receipt(client, login):
    scene = settlement_case_in(CaseState.SETTLEMENT_SIGNED)
    case = scene.case
    login(scene.registrar)
    version = case.version

    response = pay(client, case, "2.1", "15,000.00", note="TT-88")

    assert response.status_code == 302
    db.session.expire_all()
    assert records(case) == [(2, 1, D("15000.00"), RECEIVED, "TT-88")]
    assert owed_on(case, 2, 1) == D("25000.00")
    assert case.state == CaseState.SETTLEMENT_SIGNED and case.version == version + 1
    (entry,) = db.session.scalars(sa.select(AuditEntry).filter_by(
        case_id=case.id, action="record_performance")).all()
    assert entry.actor_id == scene.registrar.id
    assert entry.summary == "Payment of ¥15,000.00 received on 2026-11-20 for instalment 1 of " \
                            "obligation 2"
    assert entry.changes["owed"] == ["40000.00", "25000.00"]
    receipts = db.session.scalars(sa.select(OutboxMessage).filter_by(
        kind="payment_received")).all()
    assert sorted(m.recipient for m in receipts) == sorted(
        [scene.claimant.email, scene.respondent.email])
    body = receipts[0].body
    assert "¥15,000.00" in body and "instalment 1 of obligation 2" in body
    assert "Still owed on it: ¥25,000.00" in body and "¥85,325.04" in body


def test_paying_an_instalment_in_full_takes_it_off_the_form(client, login):
    scene = settlement_case_in(CaseState.AWARD_REQUESTED)
    login(scene.registrar)

    assert pay(client, scene.case, "2.1", "40000").status_code == 302

    db.session.expire_all()
    assert owed_on(scene.case, 2, 1) == 0
    page = client.get(url(scene.case)).get_data(as_text=True)
    assert 'value="2.1"' not in page and "Paid in full" in page
    assert pay(client, scene.case, "2.1", "1.00").status_code == 422  # no longer a choice
    assert len(records(scene.case)) == 1


def test_an_overpayment_is_refused_naming_the_instalment_and_nothing_is_stored(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    login(scene.registrar)
    assert pay(client, case, "2.2", "20,000.00").status_code == 302
    db.session.expire_all()
    before, version = counts(), case.version

    response = pay(client, case, "2.2", "10,000.01")

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Nothing was recorded" in text
    assert ("Overpayment: instalment 2 of obligation 2 is CNY 30,000.00, but the payments "
            "recorded for it come to CNY 30,000.01.") in text
    db.session.expire_all()
    assert counts() == before and case.version == version
    assert records(case) == [(2, 2, D("20000.00"), RECEIVED, "")]


def test_overpaying_a_single_payment_is_refused_naming_it(client, login):
    scene = settlement_case_in(CaseState.SETTLEMENT_SIGNED)
    login(scene.registrar)
    before = counts()

    response = pay(client, scene.case, "1", "325.05")

    assert response.status_code == 422
    assert "Overpayment: obligation 1 is CNY 325.04" in response.get_data(as_text=True)
    assert counts() == before


@pytest.mark.parametrize(("changes", "message"), [
    ({"amount": "0"}, "Amount received: It must be greater than zero."),
    ({"amount": "-5"}, "Amount received: It must be greater than zero."),
    ({"amount": "forty"}, "Amount received: Enter a number"),
    ({"amount": "1.234"}, "Amount received: It may have at most 2 decimal places."),
    ({"amount": ""}, "Amount received: Give the amount received."),
    ({"received_on": (simc_today() + timedelta(days=1)).isoformat()},
     "Date received: The date cannot be in the future."),
    ({"received_on": ""}, "Date received: Give the date it was received."),
    ({"line": "9"}, "Payment or instalment: Not a valid choice"),
    ({"line": "3"}, "Payment or instalment: Not a valid choice"),  # a delivery
])
def test_bad_payment_input_is_refused_by_field_and_nothing_is_stored(client, login, changes,
                                                                     message):
    scene = settlement_case_in(CaseState.SETTLEMENT_SIGNED)
    login(scene.registrar)
    data = {"version": str(scene.case.version), "record": "payment", "line": "2.1",
            "amount": "100.00", "received_on": RECEIVED.isoformat(), "note": "", **changes}
    before = counts()

    response = client.post(url(scene.case), data=data)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert counts() == before


def test_a_delivery_performed_is_recorded_and_the_parties_are_told(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    login(scene.registrar)

    response = perform(client, case, "3")

    assert response.status_code == 302
    assert records(case) == [(3, None, None, RECEIVED, "Delivery note DN-1207, signed.")]
    owed = amounts_owed_for(case)
    assert owed.outstanding_obligations == (4,)
    assert owed.performance_of(3).performed_on == RECEIVED
    told = db.session.scalars(sa.select(OutboxMessage).filter_by(
        kind="obligation_performed")).all()
    assert len(told) == 2 and "obligation 3" in told[0].body
    assert "Performed on" in client.get(url(case)).get_data(as_text=True)
    assert case.state == CaseState.AWARD_ISSUED


@pytest.mark.parametrize(("changes", "message"), [
    ({"note": "  "}, "How the performance is known: Say how the performance is known."),
    ({"obligation": "1"}, "Delivery or act: Not a valid choice"),  # a payment
    ({"performed_on": (simc_today() + timedelta(days=3)).isoformat()},
     "Date performed: The date cannot be in the future."),
])
def test_bad_performance_input_is_refused_and_nothing_is_stored(client, login, changes,
                                                                message):
    scene = settlement_case_in(CaseState.SETTLEMENT_SIGNED)
    login(scene.registrar)
    data = {"version": str(scene.case.version), "record": "act", "obligation": "4",
            "performed_on": RECEIVED.isoformat(), "note": "Listings removed.", **changes}
    before = counts()

    response = client.post(url(scene.case), data=data)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert counts() == before


def test_an_obligation_is_performed_only_once(client, login):
    scene = settlement_case_in(CaseState.SETTLEMENT_SIGNED)
    login(scene.registrar)
    assert perform(client, scene.case, "4").status_code == 302
    db.session.expire_all()

    assert perform(client, scene.case, "4").status_code == 422  # no longer offered
    with pytest.raises(InvalidInput, match="already recorded as performed"):
        record_obligation_performed(scene.registrar, scene.case, obligation=4,
                                    performed_on=RECEIVED, note="Again.", expected_version=None)
    db.session.rollback()
    assert len(records(scene.case)) == 1


def test_the_operations_refuse_the_future_and_stale_forms():
    scene = settlement_case_in(CaseState.SETTLEMENT_SIGNED)
    with pytest.raises(InvalidInput, match="cannot be in the future"):
        record_payment(scene.registrar, scene.case, obligation=1, instalment=None,
                       amount=D("1.00"), received_on=date(2026, 11, 21), expected_version=None,
                       today=date(2026, 11, 20))
    with pytest.raises(StaleCase):
        record_payment(scene.registrar, scene.case, obligation=1, instalment=None,
                       amount=D("1.00"), received_on=RECEIVED,
                       expected_version=scene.case.version - 1)
    with pytest.raises(InvalidInput, match="at most two decimals"):
        record_payment(scene.registrar, scene.case, obligation=1, instalment=None,
                       amount=D("1.001"), received_on=RECEIVED, expected_version=None)
    db.session.rollback()
    assert records(scene.case) == []


# Closing on full performance --------------------------------------------------------------


def test_the_last_payment_after_the_award_closes_the_case(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    pay_everything_but(scene, leave=((2, 3),))
    assert case.state == CaseState.AWARD_ISSUED
    login(scene.registrar)

    response = pay(client, case, "2.3", "30,000.00")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}/arbitration")
    db.session.expire_all()
    assert case.state == CaseState.CLOSED and case.closed_at is not None
    assert proceeding_for(case).closed_reason == FULLY_PERFORMED_REASON
    (closed,) = db.session.scalars(sa.select(AuditEntry).filter_by(
        case_id=case.id, action="close_case")).all()
    assert closed.actor_id == scene.registrar.id
    assert closed.changes["fully_performed"] is True
    assert closed.changes["state"] == ["award_issued", "closed"]
    told = db.session.scalars(sa.select(OutboxMessage).filter_by(kind="case_closed")).all()
    assert scene.claimant.email in {m.recipient for m in told}
    assert "fully performed" in told[0].body
    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)
    assert FULLY_PERFORMED_REASON in page
    assert client.get(url(case)).status_code == 409  # nothing more to record


def test_the_last_act_after_the_award_closes_the_case(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    pay_everything_but(scene, leave=(4,))
    login(scene.registrar)

    assert perform(client, scene.case, "4", note="Listings removed on 20 November.").status_code \
        == 302

    db.session.expire_all()
    assert scene.case.state == CaseState.CLOSED


@pytest.mark.parametrize("state", [CaseState.SETTLEMENT_SIGNED, CaseState.AWARD_REQUESTED])
def test_full_performance_before_the_award_does_not_close_the_case(client, login, state):
    scene = settlement_case_in(state)
    pay_everything_but(scene, leave=((1, None),))
    login(scene.registrar)

    assert pay(client, scene.case, "1", "325.04").status_code == 302

    db.session.expire_all()
    assert amounts_owed_for(scene.case).fully_performed
    assert scene.case.state == state and scene.case.closed_at is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).filter_by(
        action="close_case")) == 0


# Who may record, and when -----------------------------------------------------------------


def test_only_the_registry_records_performance(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    other = make_case(CaseState.AWARD_ISSUED).created_by
    before = counts()
    for user in (scene.claimant, scene.respondent, scene.mediator, other):
        login(user)
        assert client.get(url(scene.case)).status_code == 403
        assert pay(client, scene.case, "1", "1.00").status_code == 403
    login(scene.registrar)
    assert client.get(f"/cases/{scene.case.id + 1000}/arbitration/performance").status_code \
        == 404
    assert counts() == before


def test_no_performance_is_recorded_in_other_states_or_without_a_settlement(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    escalated = make_case(CaseState.AWARD_ISSUED)
    add_escalated_proceeding(escalated, scene.registrar)
    login(scene.registrar)
    in_mediation = make_case(CaseState.IN_MEDIATION)
    before = counts()

    assert client.get(url(in_mediation)).status_code == 409
    assert pay(client, in_mediation, "1", "1.00").status_code == 409
    page = client.get(url(escalated))
    assert page.status_code == 200
    assert "no settlement" in page.get_data(as_text=True)
    refused = pay(client, escalated, "1", "1.00")
    assert refused.status_code == 409
    assert "no settlement whose performance could be recorded" in refused.get_data(as_text=True)
    assert counts() == before
    for case in (escalated, make_case(CaseState.AWARD_ISSUED)):  # the latter without proceeding
        page = client.get(f"/cases/{case.id}/arbitration")
        assert page.status_code == 200
        assert 'class="performance-obligations"' not in page.get_data(as_text=True)
