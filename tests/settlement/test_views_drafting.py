"""Drafting the settlement through its pages: the general clauses, obligations of each kind,
editing and removing them, format errors (422, nothing stored) and stale forms (409)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from markupsafe import escape

from casework.extensions import db
from casework.settlement import operations
from casework.settlement.enforceability import Failure, FailureKind
from casework.settlement.models import SettlementVersion
from casework.settlement.terms import (
    DeliveryObligation,
    Instalment,
    LanguagePrecedence,
    PaymentObligation,
    PerformanceObligation,
    SettlementTerms,
)
from tests.settlement.helpers import draft_terms, settled_scene
from tests.settlement.samples import VALID_TERMS

pytestmark = pytest.mark.usefixtures("quick_password_hashes")


def _versions() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SettlementVersion))


def _current(case):
    db.session.expire_all()
    return operations.settlement_for(case).current_version


def _clauses(case, settlement_version="", **changes) -> dict:
    data = {
        "version": str(case.version),
        "settlement_version": str(settlement_version),
        "recitals_en": "The parties mediated their dispute at SIMC.",
        "recitals_zh": "双方当事人在新加坡国际调解中心调解了争议。",
        "costs_en": "Each party bears its own costs.",
        "costs_zh": "双方各自承担己方费用。",
        "confidentiality_en": "Confidential.",
        "confidentiality_zh": "保密。",
        "governing_law_en": "PRC law.",
        "governing_law_zh": "中华人民共和国法律。",
        "dispute_clause_en": "SCIA arbitration in Shenzhen.",
        "dispute_clause_zh": "深圳国际仲裁院仲裁。",
        "language_precedence": "zh",
        "effective_date": "2026-11-29",
    }
    data.update(changes)
    return data


def _payment(case, settlement_version, **changes) -> dict:
    data = {
        "version": str(case.version),
        "settlement_version": str(settlement_version),
        "obligor": "respondent",
        "obligee": "claimant",
        "amount": "100,000.00",
        "currency": "CNY",
        "due_date": "",
        "instalments": "2027-01-31 40000.00\n\n2027-02-28 30,000\n2027-03-31 30000.00\n",
        "payee_account": "Bank of China Shenzhen Branch, account 7410",
        "late_interest_en": "Double the LPR.",
        "late_interest_zh": "按贷款市场报价利率的两倍计息。",
    }
    data.update(changes)
    return data


def _delivery(case, settlement_version, **changes) -> dict:
    data = {
        "version": str(case.version), "settlement_version": str(settlement_version),
        "obligor": "claimant", "obligee": "respondent",
        "thing_en": "Injection moulds M-1001 to M-1004", "thing_zh": "编号M-1001至M-1004的注塑模具",
        "quantity": "4", "unit_en": "sets", "unit_zh": "套",
        "place_en": "No. 8 Keji Road, Shenzhen", "place_zh": "深圳市科技路8号",
        "delivery_date": "2027-02-15",
    }
    data.update(changes)
    return data


def _performance(case, settlement_version, **changes) -> dict:
    data = {
        "version": str(case.version), "settlement_version": str(settlement_version),
        "obligor": "claimant", "obligee": "respondent",
        "object_en": "Remove the PR-200 listings", "object_zh": "下架PR-200商品链接",
        "standard_en": "No listing remains visible", "standard_zh": "不再有公开可见的链接",
        "scope_en": "All online stores of the claimant", "scope_zh": "申请人的全部网店",
        "deadline": "2026-12-31",
    }
    data.update(changes)
    return data


def _url(case, tail=""):
    return f"/cases/{case.id}/settlement{tail}"


def test_starting_to_draft_shows_the_first_draft_and_saving_makes_version_1(client, login):
    scene = settled_scene()
    login(scene.mediator)

    page = client.get(_url(scene.case))
    assert page.status_code == 200
    assert "Start drafting" in page.get_data(as_text=True)

    form = client.get(_url(scene.case, "/clauses"))
    html = form.get_data(as_text=True)
    assert form.status_code == 200
    assert "深圳国际仲裁院" in html and scene.case.reference in html  # first_draft's clauses
    assert 'name="settlement_version" type="hidden" value=""' in html

    response = client.post(_url(scene.case, "/clauses"), data=_clauses(scene.case))

    assert response.status_code == 302
    version = _current(scene.case)
    assert version.number == 1 and version.created_by_id == scene.mediator.id
    terms = version.terms
    assert terms.recitals_zh == "双方当事人在新加坡国际调解中心调解了争议。"
    assert terms.effective_date == date(2026, 11, 29)
    assert terms.language_precedence == LanguagePrecedence.CHINESE
    assert [party.key for party in terms.parties] == ["claimant", "respondent"]


def test_the_registrar_drafts_obligations_of_each_kind_each_a_new_version(client, login):
    scene = settled_scene()
    draft_terms(scene, SettlementTerms(parties=(), obligations=()))
    login(scene.registrar)

    for kind, data in (("payment", _payment), ("delivery", _delivery),
                       ("performance", _performance)):
        number = _current(scene.case).number
        form = client.get(_url(scene.case, f"/obligations/new/{kind}"))
        assert form.status_code == 200
        assert f'name="settlement_version" type="hidden" value="{number}"' in form.get_data(
            as_text=True)
        response = client.post(_url(scene.case, f"/obligations/new/{kind}"),
                               data=data(scene.case, number))
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]

    version = _current(scene.case)
    assert version.number == 4 and _versions() == 4
    payment, delivery, act = version.terms.obligations
    assert payment == PaymentObligation(
        obligor="respondent", obligee="claimant", amount=Decimal("100000.00"), currency="CNY",
        instalments=(Instalment(date(2027, 1, 31), Decimal("40000.00")),
                     Instalment(date(2027, 2, 28), Decimal("30000.00")),
                     Instalment(date(2027, 3, 31), Decimal("30000.00"))),
        payee_account="Bank of China Shenzhen Branch, account 7410",
        late_interest_en="Double the LPR.", late_interest_zh="按贷款市场报价利率的两倍计息。",
    )
    assert isinstance(delivery, DeliveryObligation) and delivery.quantity == Decimal("4")
    assert delivery.delivery_date == date(2027, 2, 15)
    assert isinstance(act, PerformanceObligation) and act.deadline == date(2026, 12, 31)

    page = client.get(_url(scene.case)).get_data(as_text=True)
    assert "These terms pass the enforceability check." in page
    assert "¥100,000.00" in page and "人民币壹拾万元整" in page  # figures and capitals
    assert "人民币肆万元整" in page  # the first instalment in capitals
    assert "31 January 2027" in page and "2027年1月31日" in page


def test_editing_an_obligation_shows_it_and_saves_it_under_the_same_number(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)

    form = client.get(_url(scene.case, "/obligations/2")).get_data(as_text=True)
    assert "2027-01-31 40000.00\n2027-02-28 30000.00" in form  # the schedule as lines
    data = _payment(scene.case, 1, instalments="", due_date="2027-06-30")
    response = client.post(_url(scene.case, "/obligations/2"), data=data)

    assert response.status_code == 302
    terms = _current(scene.case).terms
    assert len(terms.obligations) == 4
    assert (terms.obligations[1].due_date, terms.obligations[1].instalments) == (
        date(2027, 6, 30), ())
    assert terms.obligations[0] == VALID_TERMS.obligations[0]


def test_removing_an_obligation_renumbers_the_later_ones(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)

    response = client.post(_url(scene.case, "/obligations/1/remove"),
                           data={"version": scene.case.version, "settlement_version": "1"})

    assert response.status_code == 302
    version = _current(scene.case)
    assert version.number == 2
    assert version.terms.obligations == VALID_TERMS.obligations[1:]


def test_an_unknown_obligation_or_kind_is_not_found(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)
    assert client.get(_url(scene.case, "/obligations/5")).status_code == 404
    assert client.get(_url(scene.case, "/obligations/0")).status_code == 404
    assert client.get(_url(scene.case, "/obligations/new/loan")).status_code == 404
    assert client.post(_url(scene.case, "/obligations/9/remove"),
                       data={"version": scene.case.version,
                             "settlement_version": "1"}).status_code == 404
    assert _versions() == 1


@pytest.mark.parametrize(("changes", "message"), [
    ({"amount": "ten thousand"}, "Amount: Enter a number"),
    ({"amount": "0"}, "Amount: It must be greater than zero."),
    ({"amount": "-5"}, "Amount: It must be greater than zero."),
    ({"amount": "12.345"}, "Amount: It may have at most 2 decimal places."),
    ({"amount": "1000000000000"}, "Amount: It must be below one trillion"),
    ({"amount": ""}, "Amount: Give the amount."),
    ({"due_date": "31/12/2026"}, "Due date: Not a valid date value."),
    ({"currency": "XYZ"}, "Currency: Not a valid choice."),
    ({"obligor": "stranger"}, "Owed by (obligor): Not a valid choice."),
])
def test_a_payment_in_a_bad_format_is_refused_naming_the_field(client, login, changes, message):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)

    response = client.post(_url(scene.case, "/obligations/new/payment"),
                           data=_payment(scene.case, 1, **changes))

    assert response.status_code == 422
    assert str(escape(message)) in response.get_data(as_text=True)
    assert _versions() == 1


def test_instalment_lines_that_cannot_be_read_are_each_named(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)
    schedule = "2027-01-31 40000.00\n2027-02-30 30000\n\n31/03/2027 30000\n2027-04-30 lots\n" \
               "2027-05-31 0\n2027-06-30 1.234\n2027-07-31"

    response = client.post(_url(scene.case, "/obligations/new/payment"),
                           data=_payment(scene.case, 1, instalments=schedule))

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for line, problem in (
        (2, "the due date must be a real date written YYYY-MM-DD"),
        (4, "the due date must be a real date written YYYY-MM-DD"),
        (5, "the amount must be a number"),
        (6, "the amount must be greater than zero"),
        (7, "the amount may have at most two decimal places"),
        (8, "write the due date, a space, then the amount"),
    ):
        assert f"Instalment schedule: line {line}: {problem}" in page
    assert "line 1:" not in page and "line 3:" not in page
    assert _versions() == 1


@pytest.mark.parametrize(("kind", "data", "changes", "message"), [
    ("delivery", _delivery, {"quantity": "four"}, "Quantity: Enter a number"),
    ("delivery", _delivery, {"delivery_date": "2027-02-30"}, "Deliver by: Not a valid date"),
    ("performance", _performance, {"deadline": "soon"}, "Deadline: Not a valid date"),
])
def test_other_obligations_in_a_bad_format_are_refused(client, login, kind, data, changes,
                                                       message):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)

    response = client.post(_url(scene.case, f"/obligations/new/{kind}"),
                           data=data(scene.case, 1, **changes))

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _versions() == 1


def test_bad_clauses_are_refused_and_nothing_is_stored(client, login):
    scene = settled_scene()
    login(scene.mediator)

    bad_date = client.post(_url(scene.case, "/clauses"),
                           data=_clauses(scene.case, effective_date="29.11.2026"))
    bad_choice = client.post(_url(scene.case, "/clauses"),
                             data=_clauses(scene.case, language_precedence="fr"))

    assert bad_date.status_code == bad_choice.status_code == 422
    assert "Effective date: Not a valid date value." in bad_date.get_data(as_text=True)
    assert "If the texts differ: Not a valid choice." in bad_choice.get_data(as_text=True)
    assert operations.settlement_for(scene.case) is None


def test_an_incomplete_obligation_is_saved_and_the_page_lists_what_fails(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)
    data = _performance(scene.case, 1, obligee="claimant", standard_en="", deadline="")

    response = client.post(_url(scene.case, "/obligations/new/performance"), data=data)

    assert response.status_code == 302  # the form accepts it: drafting in steps
    assert _current(scene.case).number == 2
    page = client.get(_url(scene.case)).get_data(as_text=True)
    for kind in (FailureKind.OBLIGOR_IS_OBLIGEE, FailureKind.STANDARD_UNCLEAR,
                 FailureKind.DEADLINE_MISSING):
        failure = Failure(5, kind)
        assert f'data-obligation="5" data-kind="{kind.value}"' in page
        assert str(escape(failure.message_en)) in page and failure.message_zh in page
    assert "These terms pass the enforceability check." not in page


def test_a_form_loaded_with_an_older_settlement_version_is_refused(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.registrar)
    stale_forms = [
        ("/clauses", _clauses(scene.case, settlement_version="1")),
        ("/obligations/new/delivery", _delivery(scene.case, 1)),
        ("/obligations/1", _payment(scene.case, 1)),
        ("/obligations/1/remove", {"version": scene.case.version, "settlement_version": "1"}),
        ("/clauses", _clauses(scene.case, settlement_version="")),
    ]
    draft_terms(scene, replace(VALID_TERMS, obligations=VALID_TERMS.obligations[:1]))

    for tail, data in stale_forms:
        response = client.post(_url(scene.case, tail), data=data)
        assert response.status_code == 409, tail
        assert "changed by someone else" in response.get_data(as_text=True)
    assert _versions() == 2


def test_saving_unchanged_terms_adds_no_version(client, login):
    scene = settled_scene()
    draft_terms(scene)
    login(scene.mediator)
    data = _clauses(scene.case, settlement_version="1", **{
        name: getattr(VALID_TERMS, name) for name in (
            "recitals_en", "recitals_zh", "costs_en", "costs_zh", "confidentiality_en",
            "confidentiality_zh", "governing_law_en", "governing_law_zh",
            "dispute_clause_en", "dispute_clause_zh")
    })

    response = client.post(_url(scene.case, "/clauses"), data=data, follow_redirects=True)

    assert "Nothing changed" in response.get_data(as_text=True)
    assert _versions() == 1
