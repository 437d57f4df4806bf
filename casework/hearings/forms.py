"""Forms of the hearings: scheduling, rescheduling, adjourning, cancelling, the outcome, the
mediation's result and the calendar feed. Times are entered on the venue's clock."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from casework.cases.forms import CaseChangeForm
from casework.cases.labels import LANGUAGE_LABELS, SIDE_LABELS
from casework.cases.models import CaseLanguage, MediationResult, PartySide
from casework.hearings.labels import HEARING_KIND_LABELS, MEDIATION_RESULT_LABELS, VENUE_KIND_LABELS
from casework.hearings.models import CITY_ZONES, HearingKind, VenueKind
from casework.i18n import is_valid_zone, zone_names

MAX_TEXT = 20000


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (ids)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(labels: dict) -> list[tuple[str, object]]:
    return [(member.value, label) for member, label in labels.items()]


class _WhenAndWhere(CaseChangeForm):
    """The date and times (on the venue's clock) and the venue of a hearing."""

    day = DateField(_l("Date"), validators=[InputRequired(_l("Give the date."))])
    start_time = TimeField(_l("Starts at"), validators=[InputRequired(_l("Give the start time."))])
    end_time = TimeField(_l("Ends at"), validators=[InputRequired(_l("Give the end time."))])
    venue_kind = SelectField(_l("Venue"), choices=_choices(VENUE_KIND_LABELS),
                             validators=[InputRequired(_l("Choose the venue."))])
    venue_zone = SelectField(
        _l("Time zone of the venue"), choices=zone_names, validate_choice=False,
        default="Asia/Singapore",
        description=_l("The date and times above are on this clock. Singapore and Shenzhen "
                       "venues always use their own zone (Asia/Singapore, Asia/Shanghai)."),
    )
    address = TextAreaField(
        _l("Address"), validators=[Length(max=2000)],
        description=_l("Required for another address; optional for Singapore and Shenzhen "
                       "(e.g. the hearing centre and room)."),
    )
    meeting_link = StringField(
        _l("Meeting link"), validators=[Length(max=500)],
        description=_l("Required for an online hearing: the https:// link participants use "
                       "to join."),
    )
    confirm_clashes = BooleanField(_l("Schedule it although the clashes shown above exist"))

    def validate_end_time(self, field) -> None:
        """A hearing ends after it starts (on the same day on the venue's clock)."""
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The hearing must end after it starts."))

    def validate_venue_zone(self, field) -> None:
        """Another address or an online hearing needs a known zone."""
        if self.venue_kind.data in CITY_ZONES:
            return
        if not is_valid_zone(field.data or ""):
            raise ValidationError(_l("Choose a known time zone."))

    def validate_address(self, field) -> None:
        """Another address must be given."""
        if self.venue_kind.data == VenueKind.OTHER_ADDRESS and not (field.data or "").strip():
            raise ValidationError(_l("Give the address of the venue."))

    def validate_meeting_link(self, field) -> None:
        """An online hearing needs an https link."""
        if self.venue_kind.data != VenueKind.ONLINE:
            return
        parts = urlsplit((field.data or "").strip())
        if parts.scheme != "https" or not parts.netloc:
            raise ValidationError(_l("Give the meeting link, starting with https://."))

    @property
    def zone(self) -> str:
        """The venue's zone: a city's own, else the one chosen."""
        return CITY_ZONES.get(VenueKind(self.venue_kind.data), self.venue_zone.data)


class ScheduleHearingForm(_WhenAndWhere):
    """The mediator schedules a hearing (participant choices set by the view)."""

    kind = SelectField(_l("Kind of session"), choices=_choices(HEARING_KIND_LABELS),
                       validators=[InputRequired(_l("Choose the kind of session."))])
    private_side = SelectField(
        _l("Private session with"),
        choices=[("", _l("— not a private session —")), *_choices(SIDE_LABELS)],
    )
    language = SelectField(_l("Language of the hearing"), choices=_choices(LANGUAGE_LABELS),
                           validators=[InputRequired(_l("Choose the language."))])
    interpretation = TextAreaField(
        _l("Interpretation needs"), validators=[Length(max=2000)],
        description=_l("E.g. consecutive English–Mandarin interpretation for the respondent's "
                       "witnesses. Leave empty when none is needed."),
    )
    participants = CheckboxesField(
        _l("Participants"), coerce=int, choices=[],
        description=_l("You take part as the mediator. Untick anyone who is not to attend; "
                       "in a private session only the chosen side's representatives take "
                       "part."),
    )

    def validate_private_side(self, field) -> None:
        """A private session is with one side; other sessions are with both."""
        private = self.kind.data == HearingKind.PRIVATE_SESSION
        if private and not field.data:
            raise ValidationError(_l("Choose the side of the private session."))
        if not private and field.data:
            raise ValidationError(_l("Only a private session is with one side: choose "
                                     "“— not a private session —”."))

    @property
    def side(self) -> PartySide | None:
        """The side of a private session."""
        return PartySide(self.private_side.data) if self.private_side.data else None

    @property
    def hearing_kind(self) -> HearingKind:
        """The chosen kind of session."""
        return HearingKind(self.kind.data)

    @property
    def hearing_language(self) -> CaseLanguage:
        """The chosen language."""
        return CaseLanguage(self.language.data)


class RescheduleHearingForm(_WhenAndWhere):
    """The mediator moves a hearing to a new time and/or venue."""

    reason = TextAreaField(
        _l("Reason for rescheduling"),
        validators=[DataRequired(_l("Give the reason for rescheduling.")), Length(max=MAX_TEXT)],
        description=_l("The participants receive this reason with the new invitation."),
    )


class AdjournHearingForm(CaseChangeForm):
    """The mediator adjourns a hearing to a date still to be fixed."""

    reason = TextAreaField(
        _l("Reason for the adjournment"),
        validators=[DataRequired(_l("Give the reason for the adjournment.")),
                    Length(max=MAX_TEXT)],
        description=_l("The participants receive this reason by e-mail."),
    )


class CancelHearingForm(CaseChangeForm):
    """The mediator cancels a hearing."""

    reason = TextAreaField(
        _l("Reason for the cancellation"),
        validators=[DataRequired(_l("Give the reason for the cancellation.")),
                    Length(max=MAX_TEXT)],
        description=_l("The participants receive this reason with the cancellation."),
    )


class HearingOutcomeForm(CaseChangeForm):
    """The mediator records attendance, the shared minutes and private notes."""

    hearing_id = HiddenField(_l("Hearing"), validators=[InputRequired()])
    attended = CheckboxesField(
        _l("Attended"), coerce=int, choices=[],
        description=_l("Tick everyone who attended; the others are recorded as absent."),
    )
    minutes = TextAreaField(
        _l("Minutes (shared)"), validators=[Length(max=MAX_TEXT)],
        description=_l("Visible to the parties on the case (for a private session, to that "
                       "side only)."),
    )
    private_notes = TextAreaField(
        _l("Private notes (only you)"), validators=[Length(max=MAX_TEXT)],
        description=_l("Confidential: seen by you alone — never by the parties or the "
                       "registry, never e-mailed."),
    )

    def validate_hearing_id(self, field) -> None:
        """The hearing is named by its number."""
        if not str(field.data).isdigit():
            raise ValidationError(_l("The form is damaged; reload the page."))


class MediationResultForm(CaseChangeForm):
    """The mediator records how the mediation ended."""

    result = RadioField(
        _l("Result"),
        choices=[(r.value, MEDIATION_RESULT_LABELS[r]) for r in (
            MediationResult.SETTLED_IN_FULL, MediationResult.SETTLED_IN_PART,
            MediationResult.IMPASSE,
        )],
        validators=[InputRequired(_l("Choose how the mediation ended."))],
    )
    ended_on = DateField(_l("Date the mediation ended"),
                         validators=[InputRequired(_l("Give the date."))])

    @property
    def mediation_result(self) -> MediationResult:
        """The chosen result."""
        return MediationResult(self.result.data)


class FeedTokenForm(FlaskForm):
    """Create, regenerate or revoke the calendar-feed address (a button with CSRF)."""
