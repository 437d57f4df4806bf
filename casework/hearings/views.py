"""Hearing pages: a case's hearings, scheduling and managing them (the assigned mediator), the
outcome and the mediation's result, the calendar page and the personal calendar feed.

Each page loads its object (404), checks the viewer may see the case (403) and, for a change,
may take the action now (403 for the role, 409 for the state), then calls one operation.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import User
from casework.cases.labels import SIDE_LABELS
from casework.cases.models import Case, CaseLanguage, CaseState, MediationResult
from casework.cases.models import Venue as PreferredVenue
from casework.cases.permissions import case_roles, get_case_for, get_case_for_action
from casework.cases.registry import simc_today
from casework.cases.workflow import SESSION_STATES, Action, available_actions
from casework.db import now_utc
from casework.errors import InvalidInput
from casework.extensions import db
from casework.hearings import display, labels, operations, queries
from casework.hearings.forms import (
    AdjournHearingForm,
    CancelHearingForm,
    FeedTokenForm,
    HearingOutcomeForm,
    MediationResultForm,
    RescheduleHearingForm,
    ScheduleHearingForm,
)
from casework.hearings.ics import (
    CONTENT_TYPES,
    feed_ics,
    hearing_location,
    invitation_ics,
    invitation_method,
)
from casework.hearings.models import Hearing, HearingStatus, VenueKind
from casework.hearings.queries import Conflict
from casework.web import render_form

bp = Blueprint("hearings", __name__)

_PREFERRED_VENUES = {
    PreferredVenue.SINGAPORE: VenueKind.SINGAPORE,
    PreferredVenue.SHENZHEN: VenueKind.SHENZHEN,
    PreferredVenue.ONLINE: VenueKind.ONLINE,
}
DASHBOARD_HEARINGS = 10


@dataclass(frozen=True)
class CaseHearings:
    """What the case page shows of a case's hearings to the viewer."""

    visible: bool
    hearings: list[Hearing]
    can_manage: bool
    result: MediationResult | None


def case_hearings_panel(case: Case) -> CaseHearings:
    """The hearings section of the case page for the signed-in viewer: shown once the case
    has (or may have) hearings or a result."""
    hearings = queries.case_hearing_list(case)
    roles = case_roles(current_user, case)
    return CaseHearings(
        visible=case.state in SESSION_STATES or bool(hearings) or bool(case.mediation_result),
        hearings=hearings,
        can_manage=Action.MANAGE_HEARINGS in available_actions(case, roles),
        result=case.mediation_result,
    )


def viewer_upcoming_hearings() -> list[Hearing]:
    """The signed-in viewer's next hearings, for the dashboard."""
    return queries.upcoming_hearings(current_user, now_utc(), limit=DASHBOARD_HEARINGS)


@bp.app_context_processor
def _hearing_helpers() -> dict:
    """Helpers for the hearing partials on the case page and the dashboards, and e-mails."""
    return {
        "case_hearings_panel": case_hearings_panel,
        "viewer_upcoming_hearings": viewer_upcoming_hearings,
        "hearing_time": display.hearing_time,
        "hearing_span": display.span_text,
        "hearing_title": labels.hearing_title,
        "hearing_location": hearing_location,
        "HEARING_STATUS_LABELS": labels.HEARING_STATUS_LABELS,
        "HEARING_VENUE_LABELS": labels.VENUE_KIND_LABELS,
        "PARTICIPANT_ROLE_LABELS": labels.PARTICIPANT_ROLE_LABELS,
        "ATTENDANCE_LABELS": labels.ATTENDANCE_LABELS,
        "REVISION_KIND_LABELS": labels.REVISION_KIND_LABELS,
        "MEDIATION_RESULT_LABELS": labels.MEDIATION_RESULT_LABELS,
    }


# Loading -------------------------------------------------------------------------------------


def _hearing_for(hearing_id: int) -> Hearing:
    """Load a hearing (404) and check the viewer may see its case (403)."""
    hearing = db.session.get(Hearing, hearing_id)
    if hearing is None:
        abort(404)
    get_case_for(current_user, hearing.case_id)
    return hearing


def _hearing_to_manage(hearing_id: int) -> Hearing:
    """Load a hearing (404) and check the viewer may manage its case's hearings now."""
    hearing = db.session.get(Hearing, hearing_id)
    if hearing is None:
        abort(404)
    get_case_for_action(current_user, hearing.case_id, Action.MANAGE_HEARINGS)
    return hearing


def _refuse(field, message) -> None:
    """Show ``message`` on ``field`` of a refused form (nothing is stored)."""
    db.session.rollback()
    field.errors = [*field.errors, str(message)]


# A case's hearings ---------------------------------------------------------------------------


@bp.get("/cases/<int:case_id>/hearings")
@login_required
def case_hearings(case_id: int):
    """The hearings of a case, for anyone on it; the assigned mediator manages them here and,
    while the case awaits its first session, records it."""
    case = get_case_for(current_user, case_id)
    roles = case_roles(current_user, case)
    first_session = None
    form = None
    if Action.HOLD_FIRST_SESSION in available_actions(case, roles):
        first_session = next(
            (h for h in queries.case_hearing_list(case)
             if h.status == HearingStatus.SCHEDULED and h.starts_at <= now_utc()), None,
        )
    if first_session is not None:
        form = _outcome_form(case, first_session)
    return render_template(
        "hearings/case_hearings.html", case=case, panel=case_hearings_panel(case),
        first_session=first_session, form=form,
    )


@bp.post("/cases/<int:case_id>/hearings", endpoint="record_first_session")
@login_required
def record_first_session(case_id: int):
    """Record the case's first session held (the assigned mediator, while the case awaits it):
    attendance, minutes, private notes; the case moves into mediation."""
    case = get_case_for_action(current_user, case_id, Action.HOLD_FIRST_SESSION)
    hearing_id = request.form.get("hearing_id", "")
    if not hearing_id.isdigit():
        abort(400)
    hearing = db.session.get(Hearing, int(hearing_id))
    if hearing is None or hearing.case_id != case.id:
        abort(404)
    form = _outcome_form(case, hearing)
    if form.validate_on_submit():
        try:
            operations.hold_first_session(
                current_user, case, hearing, set(form.attended.data or []), form.minutes.data,
                form.private_notes.data, expected_version=form.expected_version, now=now_utc(),
            )
        except InvalidInput as error:
            _refuse(form.attended, error.message)
        else:
            db.session.commit()
            flash(_("The first session was recorded as held: the mediation is under way."),
                  "success")
            return redirect(url_for("hearings.hearing", hearing_id=hearing.id))
    return render_form("hearings/outcome.html", form, case=case, hearing=hearing,
                       action=url_for("hearings.record_first_session", case_id=case.id))


def _participant_choices(case: Case) -> list[tuple[int, str]]:
    """Every party representative who may take part, named with their side."""
    choices = []
    for party in case.parties:
        for user in operations.eligible_participants(case, party.side):
            choices.append((user.id, _("%(name)s (%(side)s)", name=user.name,
                                       side=SIDE_LABELS[party.side])))
    return choices


def _chosen_participants(case: Case, form: ScheduleHearingForm) -> list[User]:
    """The ticked representatives; for a private session only those of its side."""
    eligible = {u.id: u for u in operations.eligible_participants(case, form.side)}
    return [eligible[i] for i in form.participants.data or [] if i in eligible]


def _instants(form) -> tuple | None:
    """The start and end of the form's hearing as UTC instants, or ``None`` with the error
    shown on the form (a time skipped by a clock change, or one already past)."""
    try:
        starts_at = display.venue_instant(form.day.data, form.start_time.data, form.zone)
        ends_at = display.venue_instant(form.day.data, form.end_time.data, form.zone)
    except display.NonexistentLocalTime as error:
        _refuse(form.start_time, _(
            "%(time)s does not exist in %(zone)s: the clocks change then. Choose another time.",
            time=str(error), zone=form.zone))
        return None
    if starts_at <= now_utc():
        _refuse(form.day, _("The hearing must start in the future."))
        return None
    return starts_at, ends_at


def _venue(form) -> operations.Venue:
    return operations.Venue(
        kind=VenueKind(form.venue_kind.data), zone=form.zone, address=form.address.data or "",
        meeting_link=form.meeting_link.data or None,
    )


@bp.route("/cases/<int:case_id>/hearings/new", methods=["GET", "POST"])
@login_required
def schedule(case_id: int):
    """Schedule a hearing (the assigned mediator): kind, date and times on the venue's clock,
    venue, language and interpretation, participants. Clashes with other hearings are shown
    as warnings to confirm through."""
    case = get_case_for_action(current_user, case_id, Action.MANAGE_HEARINGS)
    form = ScheduleHearingForm(
        version=case.version,
        language=(case.preferred_language or CaseLanguage.BILINGUAL).value,
        venue_kind=_PREFERRED_VENUES.get(case.preferred_venue, VenueKind.SINGAPORE).value,
    )
    form.participants.choices = _participant_choices(case)
    if not form.is_submitted():
        form.participants.data = [user_id for user_id, _label in form.participants.choices]
    clashes: list[Conflict] = []
    if form.validate_on_submit() and (times := _instants(form)) is not None:
        participants = _chosen_participants(case, form)
        clashes = queries.hearing_conflicts(current_user, *times, participants)
        if not clashes or form.confirm_clashes.data:
            plan = operations.HearingPlan(
                kind=form.hearing_kind, starts_at=times[0], ends_at=times[1], venue=_venue(form),
                language=form.hearing_language, private_side=form.side,
                interpretation=form.interpretation.data or "",
            )
            try:
                hearing = operations.schedule_hearing(
                    current_user, case, plan, participants,
                    expected_version=form.expected_version, now=now_utc(),
                )
            except InvalidInput as error:
                _refuse(form.participants, error.message)
            else:
                db.session.commit()
                flash(_("The hearing was scheduled; every participant was sent the "
                        "invitation."), "success")
                return redirect(url_for("hearings.hearing", hearing_id=hearing.id))
    return render_form("hearings/schedule.html", form, case=case, clashes=clashes)


# One hearing ---------------------------------------------------------------------------------


@bp.get("/hearings/<int:hearing_id>")
@login_required
def hearing(hearing_id: int):
    """A hearing: when and where, its history, and — for those who may see it — its
    participants, attendance and minutes; the mediator's private notes to the mediator only."""
    hearing = _hearing_for(hearing_id)
    case = hearing.case
    roles = case_roles(current_user, case)
    return render_template(
        "hearings/hearing.html", hearing=hearing, case=case,
        can_manage=Action.MANAGE_HEARINGS in available_actions(case, roles),
        can_see_record=queries.can_see_session_record(current_user, hearing),
        notes=queries.mediator_notes(current_user, case, hearing),
        started=hearing.starts_at <= now_utc(),
    )


@bp.get("/hearings/<int:hearing_id>/invitation.ics")
@login_required
def invitation(hearing_id: int):
    """The hearing's calendar invitation (``.ics``) for those who may see its record."""
    hearing = _hearing_for(hearing_id)
    if not queries.can_see_session_record(current_user, hearing):
        abort(403)
    data = invitation_ics(hearing, stamp=now_utc(), locale=current_user.locale.value)
    method = invitation_method(hearing)
    return Response(data, content_type=CONTENT_TYPES[method], headers={
        "Content-Disposition": f'attachment; filename="hearing-{hearing.id}.ics"',
    })


@bp.route("/hearings/<int:hearing_id>/reschedule", methods=["GET", "POST"])
@login_required
def reschedule(hearing_id: int):
    """Move a scheduled or adjourned hearing to a new time and/or venue, with the reason (the
    assigned mediator); clashes are warnings to confirm through."""
    hearing = _hearing_to_manage(hearing_id)
    case = hearing.case
    day, start, end = display.venue_local_parts(hearing)
    form = RescheduleHearingForm(
        version=case.version, day=day, start_time=start, end_time=end,
        venue_kind=hearing.venue_kind.value, venue_zone=hearing.venue_zone,
        address=hearing.address, meeting_link=hearing.meeting_link or "",
    )
    clashes: list[Conflict] = []
    if form.validate_on_submit() and (times := _instants(form)) is not None:
        participants = [p.user for p in hearing.participants]
        clashes = queries.hearing_conflicts(current_user, *times, participants, exclude=hearing)
        if not clashes or form.confirm_clashes.data:
            try:
                operations.reschedule_hearing(
                    current_user, hearing, *times, _venue(form), form.reason.data,
                    expected_version=form.expected_version, now=now_utc(),
                )
            except InvalidInput as error:
                _refuse(form.reason, error.message)
            else:
                db.session.commit()
                flash(_("The hearing was rescheduled; every participant was sent the updated "
                        "invitation."), "success")
                return redirect(url_for("hearings.hearing", hearing_id=hearing.id))
    return render_form("hearings/reschedule.html", form, case=case, hearing=hearing,
                       clashes=clashes)


@bp.route("/hearings/<int:hearing_id>/adjourn", methods=["GET", "POST"])
@login_required
def adjourn(hearing_id: int):
    """Adjourn a scheduled hearing to a date still to be fixed, with the reason (the assigned
    mediator)."""
    return _close_hearing(
        hearing_id, AdjournHearingForm, operations.adjourn_hearing,
        done=_("The hearing was adjourned; the participants were told."),
        title=_("Adjourn the hearing"),
    )


@bp.route("/hearings/<int:hearing_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(hearing_id: int):
    """Cancel a scheduled or adjourned hearing, with the reason (the assigned mediator)."""
    return _close_hearing(
        hearing_id, CancelHearingForm, operations.cancel_hearing,
        done=_("The hearing was cancelled; every participant was sent the cancellation."),
        title=_("Cancel the hearing"),
    )


def _close_hearing(hearing_id: int, form_class, operation, *, done: str, title: str):
    """The adjourn and cancel pages: a reason, then ``operation`` (which tells the
    participants)."""
    hearing = _hearing_to_manage(hearing_id)
    form = form_class(version=hearing.case.version)
    if form.validate_on_submit():
        try:
            operation(current_user, hearing, form.reason.data,
                      expected_version=form.expected_version, now=now_utc())
        except InvalidInput as error:
            _refuse(form.reason, error.message)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for("hearings.hearing", hearing_id=hearing.id))
    return render_form("hearings/close.html", form, hearing=hearing, case=hearing.case,
                       title=title, button=title)


def _outcome_form(case: Case, hearing: Hearing) -> HearingOutcomeForm:
    """The outcome form of ``hearing``, prefilled with what is recorded (or, the first time,
    everyone ticked as attending)."""
    recorded = hearing.status == HearingStatus.HELD
    form = HearingOutcomeForm(
        version=case.version, hearing_id=str(hearing.id),
        minutes=hearing.minutes if recorded else "",
    )
    form.attended.choices = [
        (p.user_id, _("%(name)s (%(role)s)", name=p.user.name,
                      role=labels.PARTICIPANT_ROLE_LABELS[p.role]))
        for p in hearing.participants
    ]
    if not form.is_submitted():
        form.attended.data = [
            p.user_id for p in hearing.participants
            if not recorded or p.attendance is not None and p.attendance.value == "attended"
        ]
    return form


@bp.route("/hearings/<int:hearing_id>/outcome", methods=["GET", "POST"])
@login_required
def record_outcome(hearing_id: int):
    """Record attendance, shared minutes and private notes of a hearing that has started, and
    mark it held (the assigned mediator); the first session held moves the case into
    mediation."""
    hearing = _hearing_to_manage(hearing_id)
    case = hearing.case
    form = _outcome_form(case, hearing)
    if form.validate_on_submit():
        first_session = case.state == CaseState.MEDIATOR_APPOINTED
        try:
            operations.record_attendance_and_outcome(
                current_user, hearing, set(form.attended.data or []), form.minutes.data,
                form.private_notes.data, expected_version=form.expected_version, now=now_utc(),
            )
        except InvalidInput as error:
            _refuse(form.attended, error.message)
        else:
            db.session.commit()
            flash(_("The first session was recorded as held: the mediation is under way.")
                  if first_session else _("The hearing's attendance and outcome were recorded."),
                  "success")
            return redirect(url_for("hearings.hearing", hearing_id=hearing.id))
    return render_form("hearings/outcome.html", form, case=case, hearing=hearing,
                       action=url_for("hearings.record_outcome", hearing_id=hearing.id))


# The mediation's result ----------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/mediation-result", methods=["GET", "POST"])
@login_required
def record_result(case_id: int):
    """Record how the mediation ended (the assigned mediator, while in mediation): settled in
    full or in part, or not settled, with the date."""
    submitted = request.form.get("result") if request.method == "POST" else None
    action = (Action.RECORD_IMPASSE if submitted == MediationResult.IMPASSE.value
              else Action.RECORD_SETTLEMENT)
    case = get_case_for_action(current_user, case_id, action)
    form = MediationResultForm(version=case.version, ended_on=simc_today())
    if form.validate_on_submit():
        try:
            operations.record_mediation_result(
                current_user, case, form.mediation_result, form.ended_on.data,
                today=simc_today(), expected_version=form.expected_version, now=now_utc(),
            )
        except InvalidInput as error:
            _refuse(form.ended_on, error.message)
        else:
            db.session.commit()
            flash(_("The result of the mediation was recorded; the parties and the registry "
                    "were told."), "success")
            return redirect(url_for("cases.view_case", case_id=case.id))
    return render_form("hearings/result.html", form, case=case,
                       open_hearings=operations.open_hearings(case))


# The calendar page and feed ------------------------------------------------------------------


def _calendar_page(new_feed_url: str | None = None):
    """The calendar page; ``new_feed_url`` is a feed address just created (shown once)."""
    user = current_user._get_current_object()
    return render_template(
        "hearings/calendar.html", hearings=queries.upcoming_hearings(user, now_utc()),
        adjourned=queries.adjourned_hearings_to_fix(user),
        feed=operations.active_feed_token(user), form=FeedTokenForm(),
        new_feed_url=new_feed_url,
    )


@bp.get("/calendar")
@login_required
def calendar():
    """The viewer's upcoming hearings across cases (a registrar: every case's), adjourned
    hearings awaiting a new date (the mediator), and the calendar-feed address."""
    return _calendar_page()


@bp.post("/calendar/feed")
@login_required
def create_calendar_feed():
    """Create (or regenerate, revoking the old) the viewer's secret calendar-feed address; it
    is shown once, on the page this returns."""
    form = FeedTokenForm()
    if not form.validate_on_submit():
        abort(400)
    token = operations.create_feed_token(current_user, now=now_utc())
    db.session.commit()
    return _calendar_page(
        current_app.config["BASE_URL"] + url_for("hearings.calendar_feed", token=token)
    )


@bp.post("/calendar/feed/revoke")
@login_required
def revoke_calendar_feed():
    """Revoke the viewer's calendar-feed address: calendar programs stop receiving updates."""
    form = FeedTokenForm()
    if not form.validate_on_submit():
        abort(400)
    operations.revoke_feed_token(current_user, now=now_utc())
    db.session.commit()
    flash(_("Your calendar feed address was revoked."), "success")
    return redirect(url_for("hearings.calendar"))


@bp.get("/calendar/feed/<token>.ics")
def calendar_feed(token: str):
    """A user's calendar feed (public, by its secret address): their hearings, cancelled ones
    marked so; never minutes or notes. An unknown or revoked address is not found."""
    user = operations.user_for_feed_token(token)
    if user is None:
        abort(404)
    now = now_utc()
    data = feed_ics(
        queries.feed_hearings(user, now), stamp=now, locale=user.locale.value,
        link_visible=lambda hearing: queries.can_see_session_record(user, hearing),
    )
    return Response(data, content_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": 'inline; filename="simc-hearings.ics"',
        "Cache-Control": "private, no-store",
    })


from casework.hearings import confidential_views  # noqa: E402,F401
