"""The deadlines that run once a case's award is recorded, from its SCIA proceeding and its
settlement.

- Correction request: 30 days from the award's receipt.
- Set-aside application: from the award's receipt, 3 months for an award made on or after
  1 March 2026, 6 months for one made before.
- Enforcement application in mainland China: 2 years from the last day of performance. For a
  consent award, that is the latest date by which an obligation of the approved settlement must
  be performed (the last instalment for a schedule); for an award made after escalation, whose
  terms the case does not hold, the award date (the date it takes effect).

The rules and the counting are :mod:`casework.arbitration.post_award`'s. :class:`PostAwardRule`
presents each deadline as a rule of the deadlines area, so the case page's deadlines, the
dashboards and ``casework remind`` show them and remind of them like every other deadline.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from casework.arbitration.models import SciaRoute
from casework.arbitration.post_award import (
    PostAwardDeadline,
    correction_deadline,
    enforcement_deadline,
    enforcement_deadline_for_terms,
    set_aside_deadline,
)
from casework.arbitration.proceedings import proceeding_for
from casework.deadlines.computation import DueDate
from casework.deadlines.rules import Addressee
from casework.settlement.operations import settlement_for

KEY_PREFIX = "post_award"
"""The deadlines area's keys of these deadlines: ``post_award:correction`` and so on."""

COUNTING = _l(
    "The period is counted on mainland China's business calendar (public holidays, adjusted "
    "working weekends and the registry's closures): the day it starts from is not counted, "
    "and when its last day is not a working day it ends on the next working day."
)


@dataclass(frozen=True)
class PostAwardRule:
    """A post-award deadline's rule as the deadlines area shows rules: its ``key``, ``label``,
    whose deadline it is (either party may act on it; both parties and the registry are
    reminded) and the rule in plain language (:meth:`explain`)."""

    key: str
    label: LazyString
    statement: LazyString
    addressee: Addressee = Addressee.EACH_PARTY

    def explain(self) -> str:
        """The rule and how the period is counted, in the current language."""
        return f"{self.statement} {COUNTING}"


def post_award_deadlines(case) -> list[PostAwardDeadline]:
    """The correction, set-aside and enforcement deadlines of ``case`` (in that order), or
    none before its award is recorded (the award date and the date it was received)."""
    proceeding = proceeding_for(case)
    if proceeding is None or proceeding.award_date is None:
        return []
    award_date, received_on = proceeding.award_date, proceeding.award_received_on
    settlement = settlement_for(case)
    if proceeding.route == SciaRoute.CONSENT_AWARD and settlement is not None:
        enforcement = enforcement_deadline_for_terms(settlement.current_version.terms,
                                                     effective_date=award_date)
    else:
        enforcement = enforcement_deadline(None, award_date)
    return [correction_deadline(received_on), set_aside_deadline(award_date, received_on),
            enforcement]


def deadline_rule(deadline: PostAwardDeadline) -> PostAwardRule:
    """``deadline``'s rule as the deadlines area shows it."""
    return PostAwardRule(f"{KEY_PREFIX}:{deadline.kind.value}", deadline.label, deadline.rule)


def due_date(deadline: PostAwardDeadline) -> DueDate:
    """``deadline`` as the deadlines area's computed due date, with its working."""
    return DueDate(deadline.starts.day, deadline.period_end, deadline.due, deadline.calendar,
                   list(deadline.working))
