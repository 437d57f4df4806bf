"""The SIMC mediator panel: who is on it (filtered by language, expertise and nationality),
their workload, and each mediator's profile, kept by the mediator or a registrar."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role, User
from casework.audit.log import record
from casework.cases.models import Case
from casework.cases.workflow import OPEN_STATES
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.mediators.models import (
    MediatorProfile,
    MediatorProposal,
    ProposalStatus,
    split_list,
)


@dataclass(frozen=True)
class PanelEntry:
    """A panel mediator as listed: the account, the profile and the current workload."""

    mediator: User
    profile: MediatorProfile
    current_cases: int
    pending_proposals: int


def panel_mediators(
    *, language: str = "", expertise: str = "", nationality: str = "", exclude=()
) -> list[PanelEntry]:
    """Active mediators on the panel, by name, matching every filter given.

    ``language`` matches one of the mediator's languages exactly (ignoring case); ``expertise``
    and ``nationality`` match any part of the entry. Mediators whose id is in ``exclude`` are
    left out.
    """
    rows = db.session.execute(
        db.select(User, MediatorProfile)
        .join(MediatorProfile, MediatorProfile.user_id == User.id)
        .filter(User.role == Role.MEDIATOR, User.active.is_(True),
                MediatorProfile.on_panel.is_(True))
        .order_by(User.name, User.id)
    ).all()
    chosen = [
        (user, profile) for user, profile in rows
        if user.id not in exclude and _matches(profile, language, expertise, nationality)
    ]
    workload = _workload([user.id for user, _ in chosen])
    return [PanelEntry(user, profile, *workload[user.id]) for user, profile in chosen]


def _matches(profile: MediatorProfile, language: str, expertise: str, nationality: str) -> bool:
    language, expertise, nationality = (
        value.strip().casefold() for value in (language, expertise, nationality)
    )
    if language and language not in {item.casefold() for item in profile.language_list}:
        return False
    if expertise and expertise not in profile.expertise.casefold():
        return False
    return not nationality or nationality in profile.nationality.casefold()


def _workload(mediator_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each mediator: open cases they mediate, and pending proposals on open cases."""
    if not mediator_ids:
        return {}
    appointed = dict(db.session.execute(
        db.select(Case.mediator_id, sa.func.count())
        .filter(Case.mediator_id.in_(mediator_ids), Case.state.in_(OPEN_STATES))
        .group_by(Case.mediator_id)
    ).all())
    proposed = dict(db.session.execute(
        db.select(MediatorProposal.mediator_id, sa.func.count())
        .join(Case, Case.id == MediatorProposal.case_id)
        .filter(MediatorProposal.mediator_id.in_(mediator_ids),
                MediatorProposal.status == ProposalStatus.PROPOSED,
                Case.state.in_(OPEN_STATES))
        .group_by(MediatorProposal.mediator_id)
    ).all())
    return {i: (appointed.get(i, 0), proposed.get(i, 0)) for i in mediator_ids}


def panel_languages() -> list[str]:
    """Every language some panel mediator works in, for the language filter."""
    languages: dict[str, str] = {}
    for entry in panel_mediators():
        for language in entry.profile.language_list:
            languages.setdefault(language.casefold(), language)
    return sorted(languages.values(), key=str.casefold)


def mediators_off_panel() -> list[User]:
    """Active mediators not on the panel (no profile yet, or taken off by a registrar)."""
    return list(db.session.scalars(
        db.select(User)
        .outerjoin(MediatorProfile, MediatorProfile.user_id == User.id)
        .filter(User.role == Role.MEDIATOR, User.active.is_(True),
                sa.or_(MediatorProfile.id.is_(None), MediatorProfile.on_panel.is_(False)))
        .order_by(User.name, User.id)
    ))


def can_manage_profile(user, mediator: User) -> bool:
    """Registrars, and the mediator themself, may see and edit a mediator's profile."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.role == Role.REGISTRAR or user.id == mediator.id


def update_mediator_profile(
    actor, mediator: User, *, languages: str, expertise: str, nationality: str, bio: str,
    on_panel: bool | None = None,
) -> MediatorProfile:
    """Update (on first edit: create) ``mediator``'s profile (registrar or the mediator).

    Only a registrar puts a mediator on or off the panel (``on_panel``; ``None`` leaves it).
    A profile the mediator creates themself starts off the panel: the registry decides who is
    on it.
    """
    if mediator.role != Role.MEDIATOR:
        raise InvalidInput(_l("Only a mediator has a panel profile."))
    if not can_manage_profile(actor, mediator):
        raise NotPermitted(_l("You may not edit this mediator's profile."))
    if on_panel is not None and actor.role != Role.REGISTRAR:
        raise NotPermitted(_l("Only a registrar puts a mediator on or off the panel."))
    values = {
        "languages": ", ".join(split_list(languages)),
        "expertise": expertise.strip(),
        "nationality": nationality.strip(),
        "bio": bio.strip(),
    }
    if not values["languages"]:
        raise InvalidInput(_l("Give at least one language."))
    profile = mediator.mediator_profile
    created = profile is None
    if created:
        profile = MediatorProfile(user=mediator, on_panel=bool(on_panel))
        db.session.add(profile)
        changes = {key: [None, value] for key, value in values.items()}
        changes["on_panel"] = [None, profile.on_panel]
    else:
        if on_panel is not None:
            values["on_panel"] = on_panel
        changes = {
            key: [getattr(profile, key), value] for key, value in values.items()
            if getattr(profile, key) != value
        }
    for key, value in values.items():
        setattr(profile, key, value)
    record(
        actor, "mediator_profile_updated",
        f"Mediator profile of {mediator.name} {'created' if created else 'updated'}",
        changes=changes,
    )
    db.session.flush()
    return profile
