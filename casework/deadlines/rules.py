"""The deadline rules as data: what starts each period, how long it runs, whose deadline it is.

Lengths come from the configuration (``CASEWORK_<CONFIG KEY>``); the defaults follow SIMC
practice and, for the SIMC-SCIA windows, the SIAC-SIMC protocol (an assumption, see the README).
Every period rolls: when its last day is not a working day in the addressee's jurisdiction,
the deadline is the next working day there. Days inside the period still count.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask import current_app
from flask_babel import LazyString, ngettext
from flask_babel import lazy_gettext as _l


class StartEvent(enum.StrEnum):
    """The event a period is counted from."""

    SUBMISSION = "submission"
    MEDIATOR_PROPOSAL = "mediator_proposal"
    COMMENCEMENT = "commencement"
    ESCALATION = "escalation"


class Unit(enum.StrEnum):
    """The unit a period is counted in."""

    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"
    WORKING_DAYS = "working_days"


class Addressee(enum.StrEnum):
    """Whose deadline it is, which decides the business calendar it is computed on."""

    RESPONDENT = "respondent"  # the respondent's jurisdiction
    EACH_PARTY = "each_party"  # one deadline per party, each in its own jurisdiction
    REGISTRY = "registry"  # SIMC: Singapore's calendar
    OTHER_INSTITUTION = "other_institution"  # SCIA: mainland China's calendar


START_EVENT_LABELS = {
    StartEvent.SUBMISSION: _l("submission of the Request for Mediation"),
    StartEvent.MEDIATOR_PROPOSAL: _l("proposal of the mediator"),
    StartEvent.COMMENCEMENT: _l("mediation commencement date"),
    StartEvent.ESCALATION: _l("escalation to SCIA"),
}
ADDRESSEE_LABELS = {
    Addressee.RESPONDENT: _l("The respondent"),
    Addressee.EACH_PARTY: _l("Each party"),
    Addressee.REGISTRY: _l("SIMC (the registry)"),
    Addressee.OTHER_INSTITUTION: _l("SCIA (the other institution)"),
}


@dataclass(frozen=True)
class DeadlineRule:
    """One deadline rule. ``explanation`` is a plain-language sentence with a ``%(length)s``
    placeholder for the configured length (see :meth:`explain`)."""

    key: str
    label: LazyString
    explanation: LazyString
    start_event: StartEvent
    default_length: int
    unit: Unit
    addressee: Addressee
    config_key: str

    @property
    def length(self) -> int:
        """The configured length of the period (in :attr:`unit`)."""
        return int(current_app.config.get(self.config_key, self.default_length))

    def length_text(self) -> str:
        """The configured length in words, e.g. "14 days", in the current language."""
        return describe_length(self.length, self.unit)

    def explain(self) -> str:
        """The rule in plain language, with the configured length, in the current language."""
        return str(self.explanation) % {"length": self.length_text()}


def describe_length(length: int, unit: Unit) -> str:
    """``length`` ``unit`` in words, e.g. "4 working days", in the current language."""
    if unit == Unit.WEEKS:
        return ngettext("%(num)d week", "%(num)d weeks", length)
    if unit == Unit.WORKING_DAYS:
        return ngettext("%(num)d working day", "%(num)d working days", length)
    return ngettext("%(num)d day", "%(num)d days", length)


# Shown under every rule counted in calendar days or weeks.
ROLL_EXPLANATION = _l("If the last day is not a working day in the addressee's jurisdiction, the "
                      "deadline moves to the next working day there; days inside the period "
                      "still count.")

RESPONDENT_ANSWER = DeadlineRule(
    key="respondent_answer",
    label=_l("Respondent's answer to the Request for Mediation"),
    explanation=_l("The respondent has %(length)s from the submission of the Request for "
                   "Mediation to agree or decline to mediate, counted on the business calendar "
                   "of the respondent's jurisdiction."),
    start_event=StartEvent.SUBMISSION,
    default_length=14,
    unit=Unit.CALENDAR_DAYS,
    addressee=Addressee.RESPONDENT,
    config_key="RESPONDENT_ANSWER_DAYS",
)
MEDIATOR_OBJECTION = DeadlineRule(
    key="mediator_objection",
    label=_l("Objection to the proposed mediator"),
    explanation=_l("Each party may accept or object to the proposed mediator within %(length)s "
                   "of the proposal, counted on the business calendar of its own jurisdiction; "
                   "the period ends at midnight on the last day there. A party that does not "
                   "answer in time is taken to accept."),
    start_event=StartEvent.MEDIATOR_PROPOSAL,
    default_length=7,
    unit=Unit.CALENDAR_DAYS,
    addressee=Addressee.EACH_PARTY,
    config_key="OBJECTION_DAYS",
)
MEDIATION_WINDOW = DeadlineRule(
    key="mediation_window",
    label=_l("End of the mediation window"),
    explanation=_l("The mediation must finish within %(length)s of the mediation commencement "
                   "date, on SIMC's (Singapore's) business calendar. A registrar may extend "
                   "the window, recording the reason; once it has expired the registrar "
                   "extends it or ends the mediation."),
    start_event=StartEvent.COMMENCEMENT,
    default_length=8,
    unit=Unit.WEEKS,
    addressee=Addressee.REGISTRY,
    config_key="MEDIATION_WINDOW_WEEKS",
)
REFERRAL_NOTICE = DeadlineRule(
    key="referral_notice",
    label=_l("Referral notice to SCIA"),
    explanation=_l("When a case is escalated to arbitration, SCIA is to be told within "
                   "%(length)s, counted on mainland China's business calendar."),
    start_event=StartEvent.ESCALATION,
    default_length=4,
    unit=Unit.WORKING_DAYS,
    addressee=Addressee.OTHER_INSTITUTION,
    config_key="REFERRAL_NOTICE_WORKING_DAYS",
)

RULES: tuple[DeadlineRule, ...] = (
    RESPONDENT_ANSWER, MEDIATOR_OBJECTION, MEDIATION_WINDOW, REFERRAL_NOTICE,
)
