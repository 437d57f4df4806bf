"""Pages for confidential caucus material: sending the mediator a private submission, the list
of private submissions, and the case page's confidential section.

Each page loads the case (404), checks the viewer may see the case (403) and then the
confidential material (403): the assigned mediator and each side for its own submissions only.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.cases.permissions import case_roles, get_case_for, get_case_for_action
from casework.cases.workflow import Action, available_actions
from casework.documents.filetypes import accepted_types_text
from casework.documents.storage import describe_size
from casework.errors import InvalidInput
from casework.extensions import db
from casework.hearings import confidential
from casework.hearings.confidential_forms import PrivateSubmissionForm
from casework.hearings.confidential_models import PrivateSubmission
from casework.hearings.confidential_permissions import (
    can_view_mediator_notes,
    confidential_sides,
)
from casework.hearings.models import MediatorNote
from casework.hearings.queries import mediator_notes
from casework.hearings.views import bp
from casework.web import render_form

# How many private submissions the case page shows before linking to the full list.
CASE_PAGE_SUBMISSIONS = 5


@bp.route("/cases/<int:case_id>/private-submissions/new", methods=["GET", "POST"])
@login_required
def new_private_submission(case_id: int):
    """Send the mediator a private submission (a user of either party, while the mediator is
    appointed or the mediation runs). The side is the sender's own, never taken from the form."""
    case = get_case_for_action(current_user, case_id, Action.SEND_PRIVATE_SUBMISSION)
    form = PrivateSubmissionForm(version=case.version)
    if form.validate_on_submit():
        try:
            confidential.send_private_submission(
                current_user, case, form.message.data, form.attached_files(),
                expected_version=form.expected_version,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.files.errors = [*form.files.errors, error.message]
        else:
            db.session.commit()
            flash(_("Your private submission was sent to the mediator."), "success")
            return redirect(url_for("hearings.private_submissions", case_id=case.id))
    return render_form(
        "hearings/private_new.html", form, case=case,
        accepted_types=accepted_types_text(),
        size_limit=describe_size(current_app.config["MAX_UPLOAD_BYTES"]),
    )


@bp.route("/cases/<int:case_id>/private-submissions")
@login_required
def private_submissions(case_id: int):
    """The private submissions the viewer may see: their own side's (a party's user) or both
    sides' (the assigned mediator). Nobody else may open the page."""
    case = get_case_for(current_user, case_id)
    if not confidential_sides(current_user, case):
        abort(403)
    return render_template(
        "hearings/private_list.html",
        case=case,
        section=case_confidential(case),
        submissions=confidential.private_submissions_for(current_user, case),
    )


@dataclass(frozen=True)
class ConfidentialSection:
    """What the case page's confidential section shows the viewer."""

    visible: bool
    is_mediator: bool
    submissions: list[PrivateSubmission]
    total: int
    send_url: str | None
    list_url: str | None
    notes: list[MediatorNote]


def case_confidential(case) -> ConfidentialSection:
    """The viewer's confidential section of ``case``: nothing for those who may see no
    confidential material; the latest private submissions they may see, the link to send one
    and, for the assigned mediator, the private notes."""
    if not confidential_sides(current_user, case):
        return ConfidentialSection(False, False, [], 0, None, None, [])
    submissions = confidential.private_submissions_for(current_user, case)
    may_send = Action.SEND_PRIVATE_SUBMISSION in available_actions(
        case, case_roles(current_user, case)
    )
    is_mediator = can_view_mediator_notes(current_user, case)
    return ConfidentialSection(
        visible=bool(submissions) or may_send or is_mediator,
        is_mediator=is_mediator,
        submissions=submissions[:CASE_PAGE_SUBMISSIONS],
        total=len(submissions),
        send_url=url_for("hearings.new_private_submission", case_id=case.id) if may_send
        else None,
        list_url=url_for("hearings.private_submissions", case_id=case.id),
        notes=mediator_notes(current_user, case),
    )


@bp.app_context_processor
def _confidential_helpers() -> dict:
    """``case_confidential(case)`` for ``hearings/_case_confidential.html``."""
    return {"case_confidential": case_confidential}
