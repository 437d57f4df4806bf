"""The party registry: registrars list, register and edit organisations; a party
representative may see and edit their own organisation (but not override checksums)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import Role, User
from casework.cases.models import Case, CaseParty
from casework.cases.permissions import can_view_case
from casework.errors import InvalidInput
from casework.extensions import db
from casework.parties.forms import (
    OrganisationForm,
    configure_checksum_override,
    organisation_data,
    organisation_form_data,
)
from casework.parties.identifiers import normalise_registry_number
from casework.parties.models import Jurisdiction, Organisation
from casework.parties.operations import (
    can_edit_organisation,
    find_or_register_organisation,
    find_organisation,
    update_organisation,
)
from casework.web import render_form

bp = Blueprint("parties", __name__)

ORGANISATIONS_PER_PAGE = 50


@bp.route("/organisations")
@login_required
def organisations():
    """The registered organisations, searchable by English or Chinese name or number
    (registrars only)."""
    _require_registrar()
    query = request.args.get("q", "").strip()
    statement = db.select(Organisation).order_by(Organisation.name_en, Organisation.id)
    if query:
        pattern = f"%{_escape_like(query)}%"
        number = normalise_registry_number(Jurisdiction.CN, query)
        statement = statement.filter(
            Organisation.name_en.ilike(pattern, escape="\\")
            | Organisation.name_zh.ilike(pattern, escape="\\")
            | Organisation.short_name_en.ilike(pattern, escape="\\")
            | Organisation.short_name_zh.ilike(pattern, escape="\\")
            | Organisation.registry_number.ilike(pattern, escape="\\")
            | Organisation.registry_number.like(f"%{_escape_like(number)}%", escape="\\")
        )
    page = db.paginate(statement, per_page=ORGANISATIONS_PER_PAGE, error_out=False)
    return render_template("parties/list.html", page=page, query=query)


@bp.route("/organisations/new", methods=["GET", "POST"])
@login_required
def new_organisation():
    """Register an organisation (registrars only). A number already registered leads to the
    existing organisation instead of a duplicate."""
    _require_registrar()
    form = OrganisationForm()
    configure_checksum_override(form, current_user)
    if form.validate_on_submit():
        data = organisation_data(form)
        existing = find_organisation(data["jurisdiction"], data["registry_number"])
        if existing is not None:
            flash(_("%(number)s is already registered: %(name)s.",
                    number=existing.registry_number, name=existing.name_en), "info")
            return redirect(url_for("parties.organisation", organisation_id=existing.id))
        try:
            organisation = find_or_register_organisation(current_user, data)
        except InvalidInput as error:
            db.session.rollback()
            form.registry_number.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("%(name)s was registered.", name=organisation.name_en), "success")
            return redirect(url_for("parties.organisation", organisation_id=organisation.id))
    return _render_form(form, None)


@bp.route("/organisations/<int:organisation_id>")
@login_required
def organisation(organisation_id: int):
    """An organisation's particulars, signatories and the cases (visible to the viewer) it is
    party to."""
    found = _get_organisation_for(current_user, organisation_id)
    parties = db.session.scalars(
        db.select(CaseParty)
        .join(Case)
        .filter(CaseParty.organisation_id == found.id)
        .order_by(Case.id.desc())
    )
    visible = [party for party in parties if can_view_case(current_user, party.case)]
    override_by = (
        db.session.get(User, found.checksum_override_by_id)
        if found.checksum_override_by_id else None
    )
    return render_template(
        "parties/detail.html", organisation=found, case_parties=visible, override_by=override_by,
        may_edit=can_edit_organisation(current_user, found),
    )


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit_organisation(organisation_id: int):
    """Change an organisation's particulars (registrars; a representative their own)."""
    found = _get_organisation_for(current_user, organisation_id)
    initial = None if request.method == "POST" else organisation_form_data(found)
    form = OrganisationForm(data=initial)
    configure_checksum_override(form, current_user, found)
    if form.validate_on_submit():
        try:
            update_organisation(current_user, found, organisation_data(form))
        except InvalidInput as error:
            db.session.rollback()
            form.registry_number.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("The particulars of %(name)s were saved.", name=found.name_en), "success")
            return redirect(url_for("parties.organisation", organisation_id=found.id))
    return _render_form(form, found)


def _render_form(form: OrganisationForm, organisation: Organisation | None):
    """The organisation form page (422 once a submission was refused)."""
    return render_form("parties/form.html", form, organisation=organisation)


def _require_registrar() -> None:
    if current_user.role != Role.REGISTRAR:
        abort(403)


def _get_organisation_for(user, organisation_id: int) -> Organisation:
    """Load an organisation (404) the user may see and edit (403 otherwise)."""
    found = db.session.get(Organisation, organisation_id)
    if found is None:
        abort(404)
    if not can_edit_organisation(user, found):
        abort(403)
    return found


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
