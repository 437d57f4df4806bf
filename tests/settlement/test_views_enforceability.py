"""Every kind of enforceability failure is listed on the settlement and approval pages, in
English and Chinese under its obligation's number, and approval is refused (409) with it."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from markupsafe import escape

from casework.cases.models import CaseState
from casework.extensions import db
from casework.settlement.enforceability import Failure, FailureKind, check_enforceability
from casework.settlement.models import SettlementApproval
from casework.settlement.terms import Instalment
from tests.settlement.helpers import draft_terms, settled_scene
from tests.settlement.samples import (
    DELIVERY,
    INSTALMENTS,
    LUMP_SUM,
    PERFORMANCE,
    VALID_TERMS,
    with_obligation,
)

pytestmark = pytest.mark.usefixtures("quick_password_hashes")

# Terms failing each kind (with the sample's obligation as number 1, or none at all).
FAILING_TERMS = {
    FailureKind.NO_OBLIGATIONS: replace(VALID_TERMS, obligations=()),
    FailureKind.OBLIGOR_NOT_PARTY: with_obligation(replace(LUMP_SUM, obligor="guarantor")),
    FailureKind.OBLIGEE_NOT_PARTY: with_obligation(replace(LUMP_SUM, obligee="")),
    FailureKind.OBLIGOR_IS_OBLIGEE: with_obligation(replace(LUMP_SUM, obligee="respondent")),
    FailureKind.AMOUNT_NOT_DEFINITE: with_obligation(replace(LUMP_SUM, amount=Decimal("-5"))),
    FailureKind.CURRENCY_MISSING: with_obligation(replace(LUMP_SUM, currency="")),
    FailureKind.DUE_DATE_MISSING: with_obligation(replace(LUMP_SUM, due_date=None)),
    FailureKind.DUE_DATE_AND_INSTALMENTS: with_obligation(
        replace(INSTALMENTS, due_date=date(2027, 1, 1))),
    FailureKind.INSTALMENT_NOT_POSITIVE: with_obligation(replace(INSTALMENTS, instalments=(
        Instalment(date(2027, 1, 31), Decimal("100000.00")),
        Instalment(date(2027, 2, 28), Decimal("0")),
    ))),
    FailureKind.INSTALMENTS_DO_NOT_SUM: with_obligation(
        replace(INSTALMENTS, amount=Decimal("120000.00"))),
    FailureKind.INSTALMENT_DATES_NOT_INCREASING: with_obligation(replace(INSTALMENTS, instalments=(
        Instalment(date(2027, 2, 28), Decimal("50000.00")),
        Instalment(date(2027, 1, 31), Decimal("50000.00")),
    ))),
    FailureKind.THING_NOT_IDENTIFIED: with_obligation(replace(DELIVERY, thing_zh=" ")),
    FailureKind.QUANTITY_MISSING: with_obligation(replace(DELIVERY, unit_en="")),
    FailureKind.PLACE_MISSING: with_obligation(replace(DELIVERY, place_zh="")),
    FailureKind.DELIVERY_DATE_MISSING: with_obligation(replace(DELIVERY, delivery_date=None)),
    FailureKind.OBJECT_UNCLEAR: with_obligation(replace(PERFORMANCE, object_en="")),
    FailureKind.STANDARD_UNCLEAR: with_obligation(replace(PERFORMANCE, standard_zh="")),
    FailureKind.SCOPE_UNCLEAR: with_obligation(replace(PERFORMANCE, scope_en="")),
    FailureKind.DEADLINE_MISSING: with_obligation(replace(PERFORMANCE, deadline=None)),
    FailureKind.CONTINUE_PERFORMANCE: with_obligation(replace(
        PERFORMANCE, object_en="Continue to perform the supply contract",
        object_zh="继续履行供货合同")),
}


def test_every_failure_kind_has_failing_terms():
    assert set(FAILING_TERMS) == set(FailureKind)


def _listed(page: str, failure: Failure) -> bool:
    """The failure is listed under its obligation's number, in English and in Chinese."""
    marker = f'data-obligation="{failure.obligation or ""}" data-kind="{failure.kind.value}"'
    if marker not in page:
        return False
    item = page[page.index(marker):]
    item = item[:item.index("</li>")]
    return str(escape(failure.message_en)) in item and failure.message_zh in item


@pytest.mark.parametrize("kind", list(FailureKind), ids=[kind.value for kind in FailureKind])
def test_each_failure_is_listed_in_both_languages_and_approval_is_refused(client, login, kind):
    scene = settled_scene()
    version = draft_terms(scene, FAILING_TERMS[kind])
    failures = check_enforceability(version.terms)
    assert kind in [failure.kind for failure in failures]
    expected = next(failure for failure in failures if failure.kind == kind)
    assert expected.obligation == (None if kind == FailureKind.NO_OBLIGATIONS else 1)

    login(scene.mediator)
    page = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    assert all(_listed(page, failure) for failure in failures)
    assert "These terms pass the enforceability check." not in page

    login(scene.claimant)
    approval_page = client.get(f"/cases/{scene.case.id}/settlement/approve")
    html = approval_page.get_data(as_text=True)
    assert approval_page.status_code == 200
    assert _listed(html, expected)
    assert "cannot be approved until they pass the enforceability check" in html
    assert 'name="confirm"' not in html

    response = client.post(f"/cases/{scene.case.id}/settlement/approve", data={
        "version": scene.case.version, "terms_sha256": version.terms_sha256, "confirm": "y",
    })

    assert response.status_code == 409
    refusal = response.get_data(as_text=True)
    assert str(escape(expected.message_en)) in refusal and expected.message_zh in refusal
    db.session.expire_all()
    assert scene.case.state == CaseState.SETTLED
    assert db.session.scalars(db.select(SettlementApproval)).all() == []


def test_the_valid_sample_passes(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.respondent)

    page = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)

    assert "These terms pass the enforceability check." in page
    assert "data-kind=\"no_obligations\"" not in page
