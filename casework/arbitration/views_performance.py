"""The performance part of the SCIA phase: recording payments received and deliveries or acts
performed, closing the case with a reason, and the enforcement pack.

- ``arbitration.performance`` (GET/POST, the registry, once the settlement is signed): the
  amounts due, paid and still owed, and the forms recording a payment or a performance.
- ``arbitration.close`` (GET/POST, the registry): close the case with a reason.
- ``arbitration.enforcement_data_sheet`` (POST, the registry, once the award is recorded):
  generate the Chinese enforcement application data sheet as a new version; it changes data,
  so it is a POST from a button, and it redirects to the SCIA page.
- ``arbitration.enforcement_pack`` (GET, the registry and the case's parties, once the award is
  recorded and the data sheet prepared): the zip built from the documents as they are, the
  current data sheet included; it changes nothing. An attachment, ``nosniff``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.arbitration import closing
from casework.arbitration import enforcement_pack as packs
from casework.arbitration import performance as performing
from casework.arbitration.amounts_owed import AmountOwed, AmountsOwed, RecordedPerformance
from casework.arbitration.blueprint import bp
from casework.arbitration.enforcement_sheet import award_recorded, issue_enforcement_data_sheet
from casework.arbitration.forms_performance import (
    RECORD_ACT,
    CloseForm,
    DataSheetForm,
    PaymentForm,
    PerformedForm,
    line_value,
)
from casework.arbitration.models import PerformanceRecord
from casework.cases.models import Case, CaseState
from casework.cases.permissions import case_roles, get_case_for, get_case_for_action
from casework.cases.views.case_page import case_title
from casework.cases.workflow import Action, CaseRole, available_actions
from casework.documents.generated_models import GeneratedDocument
from casework.errors import InvalidInput
from casework.extensions import db
from casework.hearings.operations import open_hearings
from casework.settlement.chinese_amounts import format_figures
from casework.settlement.editing import kind_of
from casework.settlement.labels import OBLIGATION_KIND_LABELS
from casework.settlement.terms import DeliveryObligation, PaymentObligation, SettlementTerms

PACK_ROLES = frozenset({CaseRole.CLAIMANT, CaseRole.RESPONDENT, CaseRole.REGISTRAR})
"""Who may download the enforcement pack: the case's parties and the registry."""


# What the pages show ----------------------------------------------------------------------


@dataclass(frozen=True)
class ObligationView:
    """One obligation of the settlement as the performance pages show it: who owes whom what,
    the payment lines (single payment or instalments) with what was paid, or when the delivery
    or act was recorded as performed."""

    number: int
    kind: str
    obligor: str
    obligee: str
    what: str
    lines: list[AmountOwed] = field(default_factory=list)
    performed: RecordedPerformance | None = None


def _chinese() -> bool:
    return str(get_locale() or "en").startswith("zh")


def _party_name(terms: SettlementTerms, key: str) -> str:
    party = terms.party(key)
    if party is None:
        return key
    return (party.short_name_zh or party.name_zh) if _chinese() else (
        party.short_name_en or party.name_en)


def _what(obligation) -> str:
    """A short description of an obligation in the viewer's language."""
    chinese = _chinese()
    if isinstance(obligation, PaymentObligation):
        return figures(obligation.amount, obligation.currency)
    if isinstance(obligation, DeliveryObligation):
        return obligation.thing_zh if chinese else obligation.thing_en
    return obligation.object_zh if chinese else obligation.object_en


def figures(amount, currency: str) -> str:
    """An amount in figures as the documents print it (``¥1,409.50``, ``SGD 1,409.50``)."""
    return format_figures(amount, currency)


def obligation_views(terms: SettlementTerms, owed: AmountsOwed) -> list[ObligationView]:
    """Every obligation of ``terms`` with its payment lines or its performance."""
    views = []
    for number, obligation in enumerate(terms.obligations, start=1):
        views.append(ObligationView(
            number=number, kind=kind_of(obligation),
            obligor=_party_name(terms, obligation.obligor),
            obligee=_party_name(terms, obligation.obligee), what=_what(obligation),
            lines=[line for line in owed.lines if line.obligation == number],
            performed=owed.performance_of(number),
        ))
    return views


@dataclass(frozen=True)
class PerformancePanel:
    """What the SCIA page's performance section shows the viewer."""

    case: Case
    terms: SettlementTerms | None
    owed: AmountsOwed | None
    records: list[PerformanceRecord]
    closed_reason: str | None
    award_recorded: bool
    data_sheet: GeneratedDocument | None
    may_record: bool
    may_close: bool
    may_prepare_sheet: bool
    may_download_pack: bool

    @property
    def obligations(self) -> list[ObligationView]:
        """The settlement's obligations with what was performed of them."""
        if self.terms is None or self.owed is None:
            return []
        return obligation_views(self.terms, self.owed)

    @property
    def data_sheet_outdated(self) -> bool:
        """Whether performance was recorded after the current data sheet was prepared."""
        if self.data_sheet is None:
            return False
        return any(record.recorded_at > self.data_sheet.generated_at for record in self.records)

    @property
    def shown(self) -> bool:
        """The section appears once there is something to see or to do."""
        return bool(self.terms is not None or self.records or self.closed_reason
                    or self.case.state == CaseState.CLOSED or self.may_close
                    or self.award_recorded)


@bp.app_template_global()
def performance_panel(case: Case, proceeding) -> PerformancePanel:
    """The performance section of the SCIA page for the signed-in viewer."""
    roles = case_roles(current_user, case)
    actions = available_actions(case, roles)
    terms = performing.settlement_terms(case)
    with_award = (proceeding is not None and proceeding.award_document_id is not None
                  and award_recorded(case, proceeding))
    return PerformancePanel(
        case=case, terms=terms,
        owed=performing.amounts_owed_for(case) if terms is not None else None,
        records=performing.performance_records(case),
        closed_reason=proceeding.closed_reason if proceeding is not None else None,
        award_recorded=with_award,
        data_sheet=packs.current_data_sheet(case) if with_award else None,
        may_record=Action.RECORD_PERFORMANCE in actions and terms is not None,
        may_close=Action.CLOSE_CASE in actions,
        may_prepare_sheet=with_award and CaseRole.REGISTRAR in roles,
        may_download_pack=with_award and bool(roles & PACK_ROLES),
    )


@bp.app_template_global()
def performance_sheet_form() -> DataSheetForm:
    """The (CSRF-protected) form of the registry's button preparing the data sheet."""
    return DataSheetForm(formdata=None)


@bp.app_template_global()
def obligation_kind_label(kind: str) -> str:
    """The name of an obligation kind (payment, delivery, performance) in the viewer's
    language."""
    return str(OBLIGATION_KIND_LABELS[kind])


@bp.app_template_global()
def performance_figures(amount, currency: str) -> str:
    """An amount in figures, for the performance pages."""
    return figures(amount, currency)


# Recording performance -------------------------------------------------------------------


def _due(line: AmountOwed) -> str:
    return format_date(line.due_date, "medium") if line.due_date is not None else "—"


def _payment_choices(owed: AmountsOwed) -> list[tuple[str, str]]:
    """The single payments and instalments still owed, as the payment form offers them."""
    choices = []
    for line in owed.lines:
        if line.fully_paid:
            continue
        owed_figures = figures(line.owed, line.currency)
        if line.instalment is None:
            label = _("Obligation %(number)s — %(owed)s still owed (due %(date)s)",
                      number=line.obligation, owed=owed_figures, date=_due(line))
        else:
            label = _("Obligation %(number)s, instalment %(instalment)s — %(owed)s still owed "
                      "(due %(date)s)", number=line.obligation, instalment=line.instalment,
                      owed=owed_figures, date=_due(line))
        choices.append((line_value(line.obligation, line.instalment), label))
    return choices


def _performance_choices(terms: SettlementTerms, owed: AmountsOwed) -> list[tuple[str, str]]:
    """The deliveries and acts not yet performed, as the performance form offers them."""
    return [
        (str(number), _("Obligation %(number)s — %(kind)s: %(what)s", number=number,
                        kind=obligation_kind_label(kind_of(terms.obligations[number - 1])),
                        what=_what(terms.obligations[number - 1])))
        for number in owed.outstanding_obligations
    ]


def _performance_forms(case: Case, terms: SettlementTerms | None, owed: AmountsOwed | None):
    """The payment and performance forms; the one submitted (if any) reads the request."""
    posted = request.method == "POST"
    act_sent = posted and request.form.get("record") == RECORD_ACT
    payment_sent = posted and not act_sent
    payment = (PaymentForm(version=case.version) if payment_sent
               else PaymentForm(formdata=None, version=case.version))
    performed = (PerformedForm(version=case.version) if act_sent
                 else PerformedForm(formdata=None, version=case.version))
    payment.offer(_payment_choices(owed) if owed is not None else [])
    performed.offer(_performance_choices(terms, owed) if terms is not None and owed else [])
    return payment, performed, (performed if act_sent else payment if payment_sent else None)


def _render_performance(case: Case, payment: PaymentForm, performed: PerformedForm, *,
                        refusal: str | None = None, status: int = 200):
    terms = performing.settlement_terms(case)
    owed = performing.amounts_owed_for(case) if terms is not None else None
    return render_template(
        "arbitration/performance/record.html", case=case, title=case_title(case),
        terms=terms, owed=owed,
        obligations=obligation_views(terms, owed) if terms is not None else [],
        records=performing.performance_records(case), payment_form=payment,
        performed_form=performed, refusal=refusal,
    ), status


@bp.route("/cases/<int:case_id>/arbitration/performance", methods=["GET", "POST"])
@login_required
def performance(case_id: int):
    """The settlement's obligations with what is due, paid and still owed; the registry records
    a payment received or a delivery or act performed (one form each, one address)."""
    case = get_case_for_action(current_user, case_id, Action.RECORD_PERFORMANCE)
    terms = performing.settlement_terms(case)
    owed = performing.amounts_owed_for(case) if terms is not None else None
    payment, performed, sent = _performance_forms(case, terms, owed)
    if sent is None:
        return _render_performance(case, payment, performed)
    performing.terms_to_perform(case)
    if not sent.validate():
        return _render_performance(case, payment, performed, status=422)
    try:
        if sent is payment:
            obligation, instalment = payment.obligation_and_instalment
            performing.record_payment(
                current_user, case, obligation=obligation, instalment=instalment,
                amount=payment.amount.data, received_on=payment.received_on.data,
                note=payment.note.data or "", expected_version=payment.expected_version)
            message = _("The payment was recorded and the parties were sent a receipt.")
        else:
            performing.record_obligation_performed(
                current_user, case, obligation=int(performed.obligation.data),
                performed_on=performed.performed_on.data, note=performed.note.data,
                expected_version=performed.expected_version)
            message = _("The performance was recorded and the parties were told.")
    except InvalidInput as refused:
        db.session.rollback()
        return _render_performance(case, payment, performed, refusal=str(refused.message),
                                   status=422)
    db.session.commit()
    flash(message, "success")
    if case.state == CaseState.CLOSED:
        flash(_("Everything is performed: the case is closed."), "success")
        return redirect(url_for("arbitration.case_page", case_id=case.id))
    return redirect(url_for("arbitration.performance", case_id=case.id))



# Closing ---------------------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/arbitration/close", methods=["GET", "POST"])
@login_required
def close(case_id: int):
    """The registry closes the case with a reason; open hearings are cancelled and everyone is
    told."""
    case = get_case_for_action(current_user, case_id, Action.CLOSE_CASE)
    form = CloseForm(version=case.version)
    if form.validate_on_submit():
        closing.close_case(current_user, case, form.reason.data,
                           expected_version=form.expected_version)
        db.session.commit()
        flash(_("The case was closed and everyone on it was told."), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    terms = performing.settlement_terms(case)
    owed = performing.amounts_owed_for(case) if terms is not None else None
    return render_template(
        "arbitration/performance/close.html", form=form, case=case, title=case_title(case),
        owed=owed, open_hearings=len(open_hearings(case)),
    ), (422 if form.is_submitted() else 200)


# The enforcement pack ----------------------------------------------------------------------


@bp.post("/cases/<int:case_id>/arbitration/enforcement-data-sheet")
@login_required
def enforcement_data_sheet(case_id: int):
    """The registry prepares the enforcement application data sheet from today's figures (a
    new version each time), once the award is recorded."""
    case = get_case_for(current_user, case_id)
    if CaseRole.REGISTRAR not in case_roles(current_user, case):
        abort(403)
    if not DataSheetForm().validate_on_submit():
        abort(400)
    document = issue_enforcement_data_sheet(current_user, case)
    db.session.commit()
    flash(_("Version %(number)s of the enforcement application data sheet was prepared; the "
            "enforcement pack includes it.", number=document.version_number), "success")
    return redirect(url_for("arbitration.case_page", case_id=case.id, _anchor="performance"))


@bp.get("/cases/<int:case_id>/arbitration/enforcement-pack.zip")
@login_required
def enforcement_pack(case_id: int):
    """The enforcement pack (zip) for the registry and the case's parties, once the award is
    recorded and the data sheet prepared (409 before)."""
    case = get_case_for(current_user, case_id)
    if not case_roles(current_user, case) & PACK_ROLES:
        abort(403)
    stream = packs.enforcement_pack(case)
    size = stream.seek(0, 2)
    stream.seek(0)
    response = send_file(stream, mimetype="application/zip", as_attachment=True,
                         download_name=packs.pack_filename(case), conditional=False, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    response.content_length = size
    return response
