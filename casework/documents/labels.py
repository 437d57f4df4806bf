"""What the document enums are called on pages, in the reader's language (one definition each;
template globals through ``casework/web.py``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.documents.models import Circulation

CIRCULATION_LABELS = {
    Circulation.CASE_FILE: _l("For the case file"),
    Circulation.MEDIATION_ONLY: _l("Mediation only"),
}
# One line under each choice of the upload and replace forms.
CIRCULATION_EXPLANATIONS = {
    Circulation.CASE_FILE: _l(
        "May travel to the arbitration phase: included in an SCIA referral and its bundle."
    ),
    Circulation.MEDIATION_ONLY: _l(
        "Without prejudice: never included in an SCIA referral or bundle."
    ),
}
