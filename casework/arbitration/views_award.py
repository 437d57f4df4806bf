"""The consent award's pages: the registry records the request it sent SCIA with the Draft
Consent Award, and the award SCIA issued (on that request or at the end of an escalated
arbitration). The arbitration page's award section (``arbitration/_award.html``) shows the
award and the deadlines after it through the template globals below.
"""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.arbitration import award
from casework.arbitration.award_deadlines import post_award_deadlines
from casework.arbitration.blueprint import bp
from casework.arbitration.forms_award import RecordAwardForm, RequestConsentAwardForm
from casework.arbitration.post_award import PostAwardDeadline
from casework.arbitration.proceedings import proceeding_for
from casework.cases.permissions import get_case_for_action
from casework.cases.views.case_page import case_title
from casework.cases.workflow import Action
from casework.errors import InvalidInput
from casework.extensions import db
from casework.web import render_form


@bp.app_template_global()
def award_deadlines(case) -> list[PostAwardDeadline]:
    """The case's correction, set-aside and enforcement deadlines (none before its award)."""
    return post_award_deadlines(case)


@bp.route("/cases/<int:case_id>/arbitration/consent-award/request", methods=["GET", "POST"])
@login_required
def request_consent_award(case_id: int):
    """Record that the registry sent SCIA the request for a consent award with the current
    Draft Consent Award (registrar, settlement signed); without a current draft the page says
    to generate it first and the request is refused (409)."""
    case = get_case_for_action(current_user, case_id, Action.REQUEST_CONSENT_AWARD)
    form = RequestConsentAwardForm(version=case.version)
    if form.validate_on_submit():
        award.request_consent_award(current_user, case, form.sent_on.data,
                                    expected_version=form.expected_version)
        db.session.commit()
        flash(_("The request for the consent award was recorded; the parties and the mediator "
                "were told."), "success")
        return redirect(url_for("arbitration.case_page", case_id=case.id))
    return render_form("arbitration/award/request.html", form, case=case,
                       title=case_title(case), draft=award.consent_award_draft(case))


@bp.route("/cases/<int:case_id>/arbitration/award", methods=["GET", "POST"])
@login_required
def record_award(case_id: int):
    """Record the award SCIA issued (registrar, award requested or in arbitration): the signed
    and sealed PDF, its date, the date it was received and SCIA's case number if none is
    recorded yet. A file that is not a PDF is refused and nothing is stored."""
    case = get_case_for_action(current_user, case_id, Action.RECORD_AWARD)
    proceeding = proceeding_for(case)
    form = RecordAwardForm(version=case.version)
    form.reference_needed = proceeding is None or proceeding.scia_reference is None
    if form.validate_on_submit():
        upload = form.award_file.data
        try:
            award.record_award(
                current_user, case, upload.stream, upload.filename,
                award_date=form.award_date.data, received_on=form.received_on.data,
                scia_reference=form.scia_reference.data if form.reference_needed else None,
                expected_version=form.expected_version,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.award_file.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("The award was recorded; everyone on the case was told, with the deadlines "
                    "that now run."), "success")
            return redirect(url_for("arbitration.case_page", case_id=case.id))
    return render_form("arbitration/award/record.html", form, case=case,
                       title=case_title(case), proceeding=proceeding)
