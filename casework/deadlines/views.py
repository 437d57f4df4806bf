"""Deadlines pages: the registrars' calendar closures and the mediation window (extend, end).

The case page and the dashboards show deadlines through the template globals registered
below (``deadlines/_case_deadlines.html``, ``deadlines/_dashboard_deadlines.html``).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import Role
from casework.cases.permissions import get_case_for_action
from casework.cases.registry import simc_today
from casework.cases.workflow import Action
from casework.deadlines import closures as closure_operations
from casework.deadlines import window as mediation_window
from casework.deadlines.case_deadlines import deadlines_for
from casework.deadlines.dashboard import HORIZON_DAYS, dashboard_deadlines
from casework.deadlines.forms import (
    ClosureForm,
    EndMediationForm,
    ExtendWindowForm,
    RemoveClosureForm,
)
from casework.deadlines.labels import DEADLINE_STATUS_LABELS
from casework.deadlines.models import Closure
from casework.errors import InvalidInput
from casework.extensions import db
from casework.parties.models import Jurisdiction
from casework.web import render_form

bp = Blueprint("deadlines", __name__)


@bp.app_context_processor
def _deadline_helpers() -> dict:
    """What the deadline partials use: ``case_deadlines(case)``, ``my_deadlines()``, labels."""
    return {
        "case_deadlines": deadlines_for,
        "my_deadlines": _my_deadlines,
        "DEADLINE_STATUS_LABELS": DEADLINE_STATUS_LABELS,
        "DEADLINE_HORIZON_DAYS": HORIZON_DAYS,
    }


def _my_deadlines():
    """The signed-in person's dashboard deadlines."""
    return dashboard_deadlines(current_user)


# Calendar closures -------------------------------------------------------------------------


def _require_registrar() -> None:
    if current_user.role != Role.REGISTRAR:
        abort(403)


@bp.route("/calendar/closures", methods=["GET", "POST"])
@login_required
def closures():
    """The calendar closures (typhoon days, institution closures) and a form to add one
    (registrars)."""
    _require_registrar()
    form = ClosureForm()
    if form.validate_on_submit():
        try:
            closure_operations.add_closure(
                current_user, Jurisdiction(form.jurisdiction.data), form.day.data,
                form.reason.data,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.day.errors = [*form.day.errors, str(error.message)]
            return _closures_page(form)
        db.session.commit()
        flash(_("The closure was recorded; deadlines ending that day move to the next working "
                "day."), "success")
        return redirect(url_for("deadlines.closures"))
    return _closures_page(form)


def _closures_page(form):
    return render_form(
        "deadlines/closures.html", form, closures=closure_operations.closures(),
        remove_form=RemoveClosureForm(),
    )


@bp.route("/calendar/closures/<int:closure_id>/remove", methods=["POST"])
@login_required
def remove_closure(closure_id: int):
    """Reopen a closed day (registrars)."""
    closure = db.session.get(Closure, closure_id)
    if closure is None:
        abort(404)
    _require_registrar()
    if not RemoveClosureForm().validate_on_submit():
        abort(400)
    closure_operations.remove_closure(current_user, closure)
    db.session.commit()
    flash(_("The closure was removed."), "success")
    return redirect(url_for("deadlines.closures"))


# The mediation window ----------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/mediation-window/extend", methods=["GET", "POST"])
@login_required
def extend_window(case_id: int):
    """Extend the mediation window to a later working day, with the reason (registrar)."""
    case = get_case_for_action(current_user, case_id, Action.EXTEND_MEDIATION_WINDOW)
    window = mediation_window.require_window(case)
    form = ExtendWindowForm(version=case.version)
    if form.validate_on_submit():
        try:
            mediation_window.extend_window(
                current_user, case, form.new_end.data, form.reason.data,
                expected_version=form.expected_version, today=simc_today(),
            )
        except InvalidInput as error:
            db.session.rollback()
            form.new_end.errors = [*form.new_end.errors, str(error.message)]
            return render_form("deadlines/extend_window.html", form, case=case, window=window)
        db.session.commit()
        flash(_("The mediation window was extended; the parties and the mediator were told."),
              "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    return render_form("deadlines/extend_window.html", form, case=case, window=window)


@bp.route("/cases/<int:case_id>/mediation-window/end", methods=["GET", "POST"])
@login_required
def end_mediation(case_id: int):
    """End the mediation once its window has expired (registrar): not settled."""
    case = get_case_for_action(current_user, case_id, Action.END_MEDIATION)
    window = mediation_window.require_window(case)
    form = EndMediationForm(version=case.version)
    if form.validate_on_submit():
        mediation_window.end_mediation(
            current_user, case, expected_version=form.expected_version, today=simc_today()
        )
        db.session.commit()
        flash(_("The mediation was ended without settlement; the parties and the mediator "
                "were told."), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    mediation_window.require_expired(window, simc_today())
    return render_form("deadlines/end_mediation.html", form, case=case, window=window)
