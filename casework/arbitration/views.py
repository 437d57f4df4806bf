"""The SCIA phase's pages: the case's arbitration page, and (in the ``views_<part>`` modules) the
escalation, the SCIA case details and tribunal, the award and the performance of the settlement.
"""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from casework.arbitration import labels
from casework.arbitration.blueprint import bp
from casework.arbitration.proceedings import proceeding_for
from casework.cases.models import CaseState
from casework.cases.permissions import get_case_for
from casework.cases.views.case_page import case_title, next_steps


@bp.route("/cases/<int:case_id>/arbitration")
@login_required
def case_page(case_id: int):
    """The case's SCIA phase: how it got there, the SCIA case, the tribunal, the award and
    what has been performed — with the viewer's next steps."""
    case = get_case_for(current_user, case_id)
    return render_template(
        "arbitration/case.html", case=case, title=case_title(case),
        proceeding=proceeding_for(case), steps=next_steps(case, current_user),
        route_labels=labels.ROUTE_LABELS, trigger_labels=labels.TRIGGER_LABELS,
        tribunal_role_labels=labels.TRIBUNAL_ROLE_LABELS,
    )


# States in which the case page links to this page: where the dispute can go, or has gone, to SCIA.
_ARBITRATION_STATES = frozenset({
    CaseState.NOT_SETTLED, CaseState.DECLINED, CaseState.SETTLEMENT_SIGNED,
    CaseState.REFERRED_TO_SCIA, CaseState.IN_ARBITRATION, CaseState.AWARD_REQUESTED,
    CaseState.AWARD_ISSUED, CaseState.CLOSED,
})


@bp.app_template_global()
def arbitration_panel_visible(case) -> bool:
    """Whether the case page links to the SCIA phase: once the dispute can go to SCIA."""
    return case.state in _ARBITRATION_STATES and (
        case.state != CaseState.CLOSED or proceeding_for(case) is not None)


# The parts' views register themselves on the blueprint when imported.
from casework.arbitration import (  # noqa: E402
    views_award,  # noqa: F401
    views_escalation,  # noqa: F401
    views_performance,  # noqa: F401
    views_scia,  # noqa: F401
)
