"""What the party-registry enums are called on pages, in the viewer's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.parties.models import Jurisdiction

JURISDICTION_LABELS = {
    Jurisdiction.CN: _l("Mainland China"),
    Jurisdiction.SG: _l("Singapore"),
    Jurisdiction.OTHER: _l("Elsewhere"),
}
