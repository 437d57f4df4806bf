"""Party registry operations: register, update and checksum overrides of organisations.

``data`` is the plain dict from :func:`casework.parties.forms.organisation_data`: the
particulars, ``signatories`` (a list of ``{"name", "title", "email"}``) and an optional
``checksum_override_reason`` (registrars only).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role
from casework.audit.log import record
from casework.db import now_utc
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.parties.identifiers import RegistryNumberCheck, check_registry_number
from casework.parties.models import AuthorisedSignatory, Jurisdiction, Organisation

PARTICULARS = (
    "name_en",
    "name_zh",
    "short_name_en",
    "short_name_zh",
    "domicile_en",
    "domicile_zh",
    "legal_representative",
    "legal_representative_title",
)


def find_organisation(
    jurisdiction: Jurisdiction | str, registry_number: str
) -> Organisation | None:
    """The registered organisation with this (normalised) number, if any."""
    check = check_registry_number(jurisdiction, registry_number)
    return db.session.scalar(
        db.select(Organisation).filter_by(
            jurisdiction=check.jurisdiction, registry_number=check.number
        )
    )


def find_or_register_organisation(actor, data: dict) -> Organisation:
    """Return the organisation registered under ``data``'s jurisdiction and number, unchanged,
    or register a new one from ``data``.

    Raises :class:`InvalidInput` for a malformed number, or one failing its checksum without a
    ``checksum_override_reason``; :class:`NotPermitted` if a non-registrar gives that reason.
    """
    check = _checked_number(data)
    existing = find_organisation(check.jurisdiction, check.number)
    if existing is not None:
        return existing
    override_reason = _override_reason(actor, check, data)
    _require_name(data)
    organisation = Organisation(
        jurisdiction=check.jurisdiction,
        registry_number=check.number,
        **{field: (data.get(field) or "") for field in PARTICULARS},
    )
    organisation.signatories = _signatories(data)
    db.session.add(organisation)
    db.session.flush()
    record(
        actor,
        "organisation_registered",
        f"Registered {organisation.name_en} ({check.jurisdiction.value} {check.number})",
        changes={
            "organisation_id": organisation.id,
            **{field: [None, value] for field, value in _snapshot(organisation).items()},
        },
    )
    if override_reason:
        override_registry_checksum(actor, organisation, override_reason)
    db.session.flush()
    return organisation


def update_organisation(actor, organisation: Organisation, data: dict) -> Organisation:
    """Change an organisation's particulars, number and signatories; audited old -> new.

    Registrars may update any organisation, a party representative only their own. A changed
    number must be valid (or, for a registrar, come with ``checksum_override_reason``) and not
    belong to another organisation; changing the number clears an earlier checksum override.
    """
    if not can_edit_organisation(actor, organisation):
        raise NotPermitted(_l("You may not change this organisation's particulars."))
    check = _checked_number(data)
    number_changed = (check.jurisdiction, check.number) != (
        organisation.jurisdiction, organisation.registry_number
    )
    if number_changed:
        other = find_organisation(check.jurisdiction, check.number)
        if other is not None:
            raise InvalidInput(_l(
                "Registry number %(number)s already belongs to %(name)s.",
                number=check.number, name=other.name_en,
            ))
    already_accepted = not number_changed and organisation.checksum_override_reason
    override_reason = None if already_accepted else _override_reason(actor, check, data)
    _require_name(data)
    before = _snapshot(organisation)
    for field in PARTICULARS:
        setattr(organisation, field, data.get(field) or "")
    organisation.jurisdiction = check.jurisdiction
    organisation.registry_number = check.number
    if number_changed and organisation.checksum_override_reason:
        organisation.checksum_override_reason = None
        organisation.checksum_override_by_id = None
        organisation.checksum_override_at = None
    if _signatory_rows(organisation.signatories) != _signatory_rows_from(data):
        organisation.signatories = _signatories(data)
    after = _snapshot(organisation)
    changes = {f: [before[f], after[f]] for f in after if before[f] != after[f]}
    if changes:
        record(
            actor,
            "organisation_updated",
            f"Updated the particulars of {organisation.name_en}",
            changes={"organisation_id": organisation.id, **changes},
        )
    if override_reason:
        override_registry_checksum(actor, organisation, override_reason)
    db.session.flush()
    return organisation


def override_registry_checksum(actor, organisation: Organisation, reason: str) -> None:
    """Accept ``organisation``'s number despite a failing checksum (registrars only), recording
    who did it, when and why. The number must otherwise be well-formed."""
    if actor.role != Role.REGISTRAR:
        raise NotPermitted(_l("Only the registry may accept a number despite its checksum."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_l("Give the reason for accepting the number despite its checksum."))
    check = check_registry_number(organisation.jurisdiction, organisation.registry_number)
    _refuse_hard_problems(check)
    if not check.checksum_problems:
        raise InvalidInput(_l("This number passes its checksum; there is nothing to accept."))
    old_reason = organisation.checksum_override_reason
    organisation.checksum_override_reason = reason
    organisation.checksum_override_by_id = actor.id
    organisation.checksum_override_at = now_utc()
    record(
        actor,
        "registry_checksum_overridden",
        f"Accepted registry number {organisation.registry_number} of {organisation.name_en} "
        "despite its checksum",
        changes={
            "organisation_id": organisation.id,
            "checksum_override_reason": [old_reason, reason],
            "problems": [str(p.message) for p in check.checksum_problems],
        },
    )
    db.session.flush()


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Registrars may edit every organisation, party representatives their own."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.REGISTRAR:
        return True
    return user.role == Role.PARTY and user.organisation_id == organisation.id


def _checked_number(data: dict) -> RegistryNumberCheck:
    """The checked registry number of ``data``; malformed numbers are refused outright."""
    if data.get("jurisdiction") not in {j.value for j in Jurisdiction}:
        raise InvalidInput(_l("Choose where the organisation is registered."))
    check = check_registry_number(data["jurisdiction"], data.get("registry_number") or "")
    _refuse_hard_problems(check)
    return check


def _refuse_hard_problems(check: RegistryNumberCheck) -> None:
    if check.hard_problems:
        raise InvalidInput(_problems_message(check, check.hard_problems))


def _require_name(data: dict) -> None:
    if not (data.get("name_en") or "").strip():
        raise InvalidInput(_l("Enter the organisation's registered name in English."))


def _override_reason(actor, check: RegistryNumberCheck, data: dict) -> str | None:
    """The override reason to record, after checking the number may be accepted at all."""
    reason = (data.get("checksum_override_reason") or "").strip() or None
    if not check.checksum_problems:
        return None
    if reason is None:
        raise InvalidInput(_problems_message(check, check.checksum_problems))
    if actor.role != Role.REGISTRAR:
        raise NotPermitted(_l("Only the registry may accept a number despite its checksum."))
    return reason


def _problems_message(check: RegistryNumberCheck, problems) -> str:
    return str(_l(
        "Registry number %(number)s: %(problems)s",
        number=check.number or "—",
        problems="; ".join(str(p.message) for p in problems),
    ))


def _signatory_rows_from(data: dict) -> list[tuple[str, str, str]]:
    return [
        ((row.get("name") or "").strip(), (row.get("title") or "").strip(),
         (row.get("email") or "").strip())
        for row in data.get("signatories") or []
        if (row.get("name") or "").strip()
    ]


def _signatory_rows(signatories) -> list[tuple[str, str, str]]:
    return [(s.name, s.title, s.email) for s in signatories]


def _signatories(data: dict) -> list[AuthorisedSignatory]:
    return [
        AuthorisedSignatory(name=name, title=title, email=email)
        for name, title, email in _signatory_rows_from(data)
    ]


def _snapshot(organisation: Organisation) -> dict:
    snapshot = {field: getattr(organisation, field) for field in PARTICULARS}
    snapshot["jurisdiction"] = organisation.jurisdiction.value
    snapshot["registry_number"] = organisation.registry_number
    snapshot["signatories"] = [
        " / ".join(part for part in row if part)
        for row in _signatory_rows(organisation.signatories)
    ]
    return snapshot
