"""What the case enums are called on pages, in the viewer's language (one definition each).

The states and actions are labelled with the workflow table (``casework.cases.workflow``).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.cases.models import CaseLanguage, PartySide, Venue

LANGUAGE_LABELS = {
    CaseLanguage.EN: _l("English"),
    CaseLanguage.ZH: _l("Chinese"),
    CaseLanguage.BILINGUAL: _l("English and Chinese"),
}
VENUE_LABELS = {
    Venue.SINGAPORE: _l("Singapore"),
    Venue.SHENZHEN: _l("Shenzhen"),
    Venue.ONLINE: _l("Online"),
}
SIDE_LABELS = {PartySide.CLAIMANT: _l("Claimant"), PartySide.RESPONDENT: _l("Respondent")}
