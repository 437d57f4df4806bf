"""Party registry operations: registering, updating and checksum overrides, all audited."""

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.parties.models import Jurisdiction, Organisation
from casework.parties.operations import (
    find_or_register_organisation,
    override_registry_checksum,
    update_organisation,
)
from tests.factories import make_org, make_user, valid_uscc

BAD_CHECKSUM_USCC = "91110000600037341M"  # should end in L


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


def org_data(**overrides):
    data = {
        "name_en": "Shenzhen Bright Lighting Co., Ltd.",
        "name_zh": "深圳光明照明有限公司",
        "short_name_en": "Bright",
        "short_name_zh": "光明",
        "jurisdiction": "CN",
        "registry_number": valid_uscc(4242),
        "domicile_en": "8 Keji Road, Nanshan District, Shenzhen",
        "domicile_zh": "深圳市南山区科技路8号",
        "legal_representative": "王伟",
        "legal_representative_title": "董事长",
        "signatories": [{"name": "Li Na", "title": "CFO", "email": "li.na@bright.example.cn"}],
        "checksum_override_reason": None,
    }
    data.update(overrides)
    return data


def audit(action):
    return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def count_orgs():
    return db.session.scalar(db.select(db.func.count(Organisation.id)))


def test_register_creates_the_organisation_with_normalised_number_and_audit():
    registrar = make_user(Role.REGISTRAR)
    number = valid_uscc(4242)
    spaced = f"{number[:6]} {number[6:12]}-{number[12:].lower()}"
    organisation = find_or_register_organisation(registrar, org_data(registry_number=spaced))
    assert organisation.registry_number == number
    assert organisation.jurisdiction == Jurisdiction.CN
    assert [s.name for s in organisation.signatories] == ["Li Na"]
    [entry] = audit("organisation_registered")
    assert entry.actor_id == registrar.id
    assert entry.changes["registry_number"] == [None, number]


def test_existing_organisation_is_returned_unchanged():
    existing = make_org(Jurisdiction.CN, name_en="Original Name Co., Ltd.")
    party = make_user(Role.PARTY)
    found = find_or_register_organisation(
        party, org_data(registry_number=existing.registry_number.lower(), name_en="Changed")
    )
    assert found.id == existing.id
    assert found.name_en == "Original Name Co., Ltd."
    assert count_orgs() == 1
    assert audit("organisation_registered") == []


def test_malformed_number_is_refused_and_nothing_stored():
    with pytest.raises(InvalidInput, match="must be 18 characters"):
        find_or_register_organisation(make_user(Role.REGISTRAR), org_data(registry_number="9111"))
    assert count_orgs() == 0


def test_checksum_failure_without_override_is_refused():
    with pytest.raises(InvalidInput, match="should be ‘L’, not ‘M’"):
        find_or_register_organisation(
            make_user(Role.REGISTRAR), org_data(registry_number=BAD_CHECKSUM_USCC)
        )
    assert count_orgs() == 0


def test_registrar_override_with_reason_is_stored_and_audited():
    registrar = make_user(Role.REGISTRAR)
    organisation = find_or_register_organisation(
        registrar,
        org_data(registry_number=BAD_CHECKSUM_USCC,
                 checksum_override_reason="Early code; checked against the business licence."),
    )
    assert organisation.checksum_override_reason.startswith("Early code")
    assert organisation.checksum_override_by_id == registrar.id
    assert organisation.checksum_override_at is not None
    [entry] = audit("registry_checksum_overridden")
    assert entry.actor_id == registrar.id
    assert entry.changes["checksum_override_reason"][1].startswith("Early code")


def test_party_cannot_override_a_checksum():
    party = make_user(Role.PARTY)
    with pytest.raises(NotPermitted):
        find_or_register_organisation(
            party, org_data(registry_number=BAD_CHECKSUM_USCC, checksum_override_reason="trust me")
        )
    organisation = make_org(Jurisdiction.CN, registry_number=BAD_CHECKSUM_USCC)
    with pytest.raises(NotPermitted):
        override_registry_checksum(party, organisation, "trust me")
    assert organisation.checksum_override_reason is None
    assert audit("registry_checksum_overridden") == []


def test_override_needs_a_reason_and_a_failing_checksum():
    registrar = make_user(Role.REGISTRAR)
    failing = make_org(Jurisdiction.CN, registry_number=BAD_CHECKSUM_USCC)
    with pytest.raises(InvalidInput, match="reason"):
        override_registry_checksum(registrar, failing, "  ")
    with pytest.raises(InvalidInput, match="passes its checksum"):
        override_registry_checksum(registrar, make_org(Jurisdiction.CN), "why not")


def test_update_is_audited_with_old_and_new_values():
    registrar = make_user(Role.REGISTRAR)
    organisation = make_org(Jurisdiction.CN, name_en="Old Name Co., Ltd.")
    data = org_data(registry_number=organisation.registry_number, name_en="New Name Co., Ltd.")
    update_organisation(registrar, organisation, data)
    assert organisation.name_en == "New Name Co., Ltd."
    [entry] = audit("organisation_updated")
    assert entry.changes["name_en"] == ["Old Name Co., Ltd.", "New Name Co., Ltd."]
    assert entry.changes["signatories"] == [[], ["Li Na / CFO / li.na@bright.example.cn"]]
    assert "registry_number" not in entry.changes


def test_party_may_update_only_their_own_organisation():
    own = make_org(Jurisdiction.CN)
    other = make_org(Jurisdiction.CN, name_en="Other Co., Ltd.")
    party = make_user(Role.PARTY, organisation=own)
    update_organisation(party, own, org_data(registry_number=own.registry_number))
    with pytest.raises(NotPermitted):
        update_organisation(party, other, org_data(registry_number=other.registry_number))
    assert other.name_en == "Other Co., Ltd."


def test_update_refuses_a_number_of_another_organisation():
    first, second = make_org(Jurisdiction.CN), make_org(Jurisdiction.CN)
    with pytest.raises(InvalidInput, match="already belongs to"):
        update_organisation(
            make_user(Role.REGISTRAR), second, org_data(registry_number=first.registry_number)
        )


def test_missing_jurisdiction_is_refused():
    with pytest.raises(InvalidInput, match="Choose where the organisation is registered"):
        find_or_register_organisation(make_user(Role.PARTY), org_data(jurisdiction=""))
    assert count_orgs() == 0
