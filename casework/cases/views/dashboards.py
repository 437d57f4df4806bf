"""Dashboards: each person's cases, by role. Registrars search all cases."""

from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask_login import current_user, login_required

from casework.accounts.models import Role
from casework.cases import queries
from casework.cases.models import CaseState
from casework.cases.registry_forms import CaseSearchForm
from casework.cases.views import bp
from casework.cases.views.case_page import case_title, next_steps


@bp.route("/")
@login_required
def dashboard():
    """The signed-in person's dashboard: their cases, or the registrar's search, or admin links."""
    if current_user.role == Role.REGISTRAR:
        return _registrar_dashboard()
    if current_user.role == Role.MEDIATOR:
        return render_template(
            "cases/dashboard_mediator.html",
            assigned=queries.mediator_assigned_cases(current_user.id),
            proposed=queries.mediator_proposed_cases(current_user.id),
            case_title=case_title,
        )
    if current_user.role == Role.PARTY:
        cases = (
            queries.organisation_cases(current_user.organisation_id)
            if current_user.organisation_id is not None
            else []
        )
        return render_template(
            "cases/dashboard_party.html",
            cases=cases,
            steps={case.id: next_steps(case, current_user) for case in cases},
            case_title=case_title,
        )
    return render_template("cases/dashboard_admin.html")


def _registrar_dashboard():
    """All submitted cases, filtered and paginated; bad filters are shown on the form (400)."""
    form = CaseSearchForm(formdata=request.args)
    if not form.validate():
        return render_template("cases/dashboard_registrar.html", form=form, page=None), 400
    filters = queries.CaseFilters(
        state=CaseState(form.state.data) if form.state.data else None,
        submitted_from=form.submitted_from.data,
        submitted_to=form.submitted_to.data,
        party=form.party.data or "",
        reference=form.reference.data or "",
    )
    page = queries.search_cases(
        filters,
        page=form.page.data or 1,
        per_page=current_app.config["CASES_PER_PAGE"],
        zone=current_user.timezone,
    )
    return render_template(
        "cases/dashboard_registrar.html",
        form=form,
        page=page,
        page_url=_page_url,
        case_title=case_title,
    )


def _page_url(number: int) -> str:
    """The dashboard URL for page ``number`` with the current filters kept."""
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return url_for("cases.dashboard", page=number, **args)
