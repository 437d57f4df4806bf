"""What the deadline enums are called on pages, in the viewer's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.deadlines.case_deadlines import DeadlineStatus

DEADLINE_STATUS_LABELS = {
    DeadlineStatus.UPCOMING: _l("Upcoming"),
    DeadlineStatus.OVERDUE: _l("Overdue"),
    DeadlineStatus.MET: _l("Met"),
    DeadlineStatus.PASSED: _l("Passed"),
}
