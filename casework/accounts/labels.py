"""What the account enums are called on pages, in the viewer's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role

ROLE_LABELS = {
    Role.PARTY: _l("Party representative"),
    Role.MEDIATOR: _l("Mediator"),
    Role.REGISTRAR: _l("Registrar"),
    Role.ADMIN: _l("Administrator"),
}
