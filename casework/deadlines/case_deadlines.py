"""The deadlines of a case, each computed on its addressee's business calendar and explained.

- the respondent's answer to the Request for Mediation (while it may still answer, or once it
  did), on the respondent's calendar;
- each party's objection to the pending mediator proposal, on that party's own calendar, ending
  at midnight there;
- the mediation window, on SIMC's (Singapore's) calendar, with the registrar's extensions;
- once the award is recorded, the correction, set-aside and enforcement deadlines, on mainland
  China's calendar (:mod:`casework.arbitration.award_deadlines`); they pass rather than fall
  overdue, as no one has to act on them;
- once the case is escalated to arbitration, the referral notice to SCIA, from the escalation
  date, on mainland China's calendar (met once SCIA's filing date is recorded).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from casework.arbitration.award_deadlines import (
    PostAwardRule,
    deadline_rule,
    due_date,
    post_award_deadlines,
)
from casework.arbitration.escalation import escalated_on
from casework.arbitration.proceedings import proceeding_for
from casework.cases import workflow
from casework.cases.models import Case, CaseParty, CaseState, PartySide
from casework.cases.workflow import Action
from casework.deadlines.calendars import calendar_for
from casework.deadlines.computation import DueDate, compute_due, local_date, step
from casework.deadlines.rules import (
    ADDRESSEE_LABELS,
    MEDIATION_WINDOW,
    MEDIATOR_OBJECTION,
    REFERRAL_NOTICE,
    RESPONDENT_ANSWER,
    ROLL_EXPLANATION,
    DeadlineRule,
    Unit,
)
from casework.deadlines.window import mediation_window
from casework.extensions import db
from casework.mediators.models import MediatorProposal, ProposalStatus
from casework.parties.models import Jurisdiction


class DeadlineStatus(enum.StrEnum):
    """Where a deadline stands."""

    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    MET = "met"
    PASSED = "passed"  # a period no one had to act in (after an award) has ended


DEADLINE_STATES = (*workflow.OPEN_STATES, CaseState.REFERRED_TO_SCIA, CaseState.AWARD_ISSUED)
"""The states of a case whose deadlines are reminded of and shown on dashboards: the open
mediation states, a referral to SCIA's notice, and an issued award's post-award deadlines."""


SIDE_LABELS = {PartySide.CLAIMANT: _l("The claimant"), PartySide.RESPONDENT: _l("The respondent")}


@dataclass(frozen=True)
class Deadline:
    """One deadline of a case: whose it is, when it is due, where it stands, how it was
    computed (``working``) and the rule behind it."""

    key: str  # unique in the case, e.g. "mediator_objection:12:claimant"
    case: Case
    rule: DeadlineRule | PostAwardRule
    side: PartySide | None  # the party whose deadline it is; ``None``: the registry's
    due_date: DueDate
    status: DeadlineStatus
    met_on: date | None = None

    @property
    def label(self) -> LazyString:
        """The rule's name, e.g. "Objection to the proposed mediator"."""
        return self.rule.label

    @property
    def addressee(self) -> LazyString:
        """Whose deadline it is, e.g. "The respondent" or "SIMC (the registry)"."""
        if self.side is not None:
            return SIDE_LABELS[self.side]
        return ADDRESSEE_LABELS[self.rule.addressee]

    @property
    def due(self) -> date:
        """The due date (the last day of the period, rolled to a working day)."""
        return self.due_date.due

    @property
    def ends_at(self) -> datetime:
        """The last instant of the due date where the addressee is, in UTC."""
        return self.due_date.ends_at

    @property
    def zone(self) -> str:
        """The time zone where the addressee's days begin and end."""
        return self.due_date.calendar.zone

    @property
    def working(self) -> list[LazyString]:
        """The steps of the computation, in the current language when shown."""
        steps = list(self.due_date.working)
        if self.met_on is not None:
            message = (_l("The mediation ended on %(date)s.") if self.rule is MEDIATION_WINDOW
                       else _l("Met on %(date)s."))
            steps.append(step(message, date=self.met_on))
        return steps

    @property
    def roll_explanation(self) -> LazyString | None:
        """What a last day that is not a working day does to the deadline, when the rule's
        explanation does not say it: for periods of calendar days or weeks."""
        if isinstance(self.rule, DeadlineRule) and self.rule.unit != Unit.WORKING_DAYS:
            return ROLL_EXPLANATION
        return None

    @property
    def reminder_key(self) -> str:
        """The key of reminders about this deadline: moved deadlines are reminded of again."""
        return f"{self.key}@{self.due.isoformat()}"

    def days_left(self, today: date) -> int:
        """Days from ``today`` to the due date (negative once it has passed)."""
        return (self.due - today).days

    def days_to_go(self) -> int:
        """Days from today, where the addressee is, to the due date (negative: overdue)."""
        return self.days_left(today_in(self.zone))


def today_in(zone: str) -> date:
    """Today's date in ``zone``."""
    return datetime.now(ZoneInfo(zone)).date()


def _status(due: DueDate, met: bool, today: date | None) -> DeadlineStatus:
    if met:
        return DeadlineStatus.MET
    today = today_in(due.calendar.zone) if today is None else today
    return DeadlineStatus.OVERDUE if today > due.due else DeadlineStatus.UPCOMING


def objection_due(party: CaseParty, proposed_at: datetime) -> DueDate:
    """The due date of ``party``'s objection to a mediator proposed at ``proposed_at``: counted
    from the proposal's date where the party is, on its own jurisdiction's calendar."""
    calendar = calendar_for(party.organisation.jurisdiction)
    return compute_due(MEDIATOR_OBJECTION, local_date(proposed_at, calendar.zone), calendar)


def objection_deadlines(case: Case, proposed_at: datetime) -> dict[PartySide, datetime]:
    """When each party's time to object to a mediator proposed at ``proposed_at`` runs out:
    the end of its due date in its own jurisdiction, in UTC."""
    return {party.side: objection_due(party, proposed_at).ends_at for party in case.parties}


def _respondent_answer(case: Case, today: date | None) -> list[Deadline]:
    party = case.respondent
    if case.submitted_at is None or party is None:
        return []
    answered = case.respondent_answer is not None
    may_answer = workflow.transition_for(case.state, Action.RESPONDENT_AGREE) is not None
    if not (answered or may_answer):
        return []
    calendar = calendar_for(party.organisation.jurisdiction)
    due = compute_due(RESPONDENT_ANSWER, local_date(case.submitted_at, calendar.zone), calendar)
    return [Deadline(
        RESPONDENT_ANSWER.key, case, RESPONDENT_ANSWER, PartySide.RESPONDENT, due,
        _status(due, answered, today), case.respondent_answered_on if answered else None,
    )]


def _objections(case: Case, today: date | None) -> list[Deadline]:
    if case.state != CaseState.MEDIATOR_PROPOSED:
        return []
    proposal = db.session.scalars(
        db.select(MediatorProposal).filter_by(case_id=case.id, status=ProposalStatus.PROPOSED)
    ).first()
    if proposal is None:
        return []
    deadlines = []
    for party in case.parties:
        due = objection_due(party, proposal.proposed_at)
        response = proposal.response_of(party)
        answered_on = (
            local_date(response.answered_at, due.calendar.zone) if response is not None else None
        )
        deadlines.append(Deadline(
            f"{MEDIATOR_OBJECTION.key}:{proposal.id}:{party.side.value}", case,
            MEDIATOR_OBJECTION, party.side, due, _status(due, response is not None, today),
            answered_on,
        ))
    return deadlines


def _window(case: Case, today: date | None) -> list[Deadline]:
    window = mediation_window(case)
    running = case.state in workflow.WINDOW_STATES
    if window is None or not (running or case.mediation_ended_on is not None):
        return []
    due = DueDate(window.rule_due.start, window.rule_due.period_end, window.end,
                  window.rule_due.calendar, window.working)
    ended = case.mediation_ended_on if not running else None
    return [Deadline(MEDIATION_WINDOW.key, case, MEDIATION_WINDOW, None, due,
                     _status(due, ended is not None, today), ended)]


def _referral_notice(case: Case, today: date | None) -> list[Deadline]:
    escalated = escalated_on(case)
    if escalated is None:
        return []
    filed_on = proceeding_for(case).scia_filed_on
    due = compute_due(REFERRAL_NOTICE, escalated, calendar_for(Jurisdiction.CN))
    return [Deadline(REFERRAL_NOTICE.key, case, REFERRAL_NOTICE, None, due,
                     _status(due, filed_on is not None, today), filed_on)]


def _post_award(case: Case, today: date | None) -> list[Deadline]:
    deadlines = []
    for deadline in post_award_deadlines(case):
        due = due_date(deadline)
        today_there = today_in(due.calendar.zone) if today is None else today
        status = DeadlineStatus.PASSED if today_there > due.due else DeadlineStatus.UPCOMING
        rule = deadline_rule(deadline)
        deadlines.append(Deadline(rule.key, case, rule, None, due, status))
    return deadlines


def deadlines_for(case: Case, today: date | None = None) -> list[Deadline]:
    """The deadlines of ``case`` in the order they arise, with their status on ``today``
    (default: today where each addressee is)."""
    if case.state == CaseState.DRAFT:
        return []
    return [*_respondent_answer(case, today), *_objections(case, today), *_window(case, today),
            *_referral_notice(case, today), *_post_award(case, today)]
