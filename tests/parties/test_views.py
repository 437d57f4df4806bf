"""Party registry pages: registrars manage every organisation, representatives their own."""

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.extensions import db
from casework.parties.models import Jurisdiction, Organisation
from tests.factories import make_case, make_org, make_user, valid_uen, valid_uscc

BAD_CHECKSUM_USCC = "91110000600037341M"


def form_data(**overrides):
    data = {
        "name_en": "Shenzhen Bright Lighting Co., Ltd.",
        "name_zh": "深圳光明照明有限公司",
        "short_name_en": "Bright",
        "short_name_zh": "光明",
        "jurisdiction": "CN",
        "registry_number": valid_uscc(777),
        "domicile_en": "8 Keji Road, Nanshan District, Shenzhen",
        "domicile_zh": "深圳市南山区科技路8号",
        "legal_representative": "王伟",
        "legal_representative_title": "董事长",
        "signatories-0-name": "Li Na",
        "signatories-0-title": "CFO",
        "signatories-0-email": "li.na@bright.example.cn",
        "signatories-1-name": "",
        "signatories-1-title": "",
        "signatories-1-email": "",
        "signatories-2-name": "",
        "signatories-2-title": "",
        "signatories-2-email": "",
    }
    data.update(overrides)
    return data


def count_orgs():
    return db.session.scalar(db.select(db.func.count(Organisation.id)))


def audit(action):
    return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def test_registrar_registers_an_organisation(client, login):
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    response = client.post("/organisations/new", data=form_data())
    assert response.status_code == 302
    organisation = db.session.scalar(db.select(Organisation))
    assert response.headers["Location"].endswith(f"/organisations/{organisation.id}")
    assert organisation.name_zh == "深圳光明照明有限公司"
    assert [(s.name, s.title) for s in organisation.signatories] == [("Li Na", "CFO")]
    detail = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "深圳光明照明有限公司" in detail and "li.na@bright.example.cn" in detail


def test_registering_a_known_number_leads_to_the_existing_organisation(client, login):
    existing = make_org(Jurisdiction.SG)
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    response = client.post("/organisations/new", data=form_data(
        jurisdiction="SG", registry_number=existing.registry_number, name_zh="",
        legal_representative="", legal_representative_title="",
    ))
    assert response.headers["Location"].endswith(f"/organisations/{existing.id}")
    assert count_orgs() == 1


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"registry_number": "91110000600037341"},
         "Registry number: must be 18 characters (you entered 17)"),
        ({"registry_number": "91110000O00037341L"},
         "Registry number: ‘O’ at position 9 is not allowed"),
        ({"registry_number": BAD_CHECKSUM_USCC},
         "Registry number: the check character should be ‘L’, not ‘M’"),
        ({"jurisdiction": "SG", "registry_number": "00192200A"},
         "Registry number: the check letter should be ‘M’, not ‘A’"),
        ({"name_en": ""}, "Registered name (English): This field is required."),
        ({"name_zh": ""}, "Registered name (Chinese): Enter the Chinese registered name"),
        ({"signatories-0-name": "", "signatories-0-title": "", "signatories-0-email": ""},
         "Authorised signatories: Enter at least one authorised signatory."),
        ({"signatories-0-email": "not-an-email"}, "Signatory 1 — E-mail: Invalid email address."),
    ],
)
def test_form_errors_are_shown_by_name_and_nothing_is_stored(client, login, overrides, expected):
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    response = client.post("/organisations/new", data=form_data(**overrides))
    assert response.status_code == 422
    assert expected in response.get_data(as_text=True)
    assert count_orgs() == 0


def test_registrar_checksum_override_needs_a_reason_then_is_stored_and_audited(client, login):
    registrar = login(make_user(Role.REGISTRAR))
    db.session.commit()
    assert 'name="accept_checksum"' in client.get("/organisations/new").get_data(as_text=True)
    page = client.post("/organisations/new", data=form_data(
        registry_number=BAD_CHECKSUM_USCC, accept_checksum="y", checksum_override_reason="",
    ))
    assert page.status_code == 422
    assert "Give the reason for accepting the number" in page.get_data(as_text=True)
    assert count_orgs() == 0

    response = client.post("/organisations/new", data=form_data(
        registry_number=BAD_CHECKSUM_USCC, accept_checksum="y",
        checksum_override_reason="Early code, verified on the business licence.",
    ))
    assert response.status_code == 302
    organisation = db.session.scalar(db.select(Organisation))
    assert organisation.registry_number == BAD_CHECKSUM_USCC
    assert organisation.checksum_override_reason == "Early code, verified on the business licence."
    assert organisation.checksum_override_by_id == registrar.id
    [entry] = audit("registry_checksum_overridden")
    assert entry.actor_id == registrar.id


def test_party_edits_own_organisation_but_cannot_override_checksum(client, login):
    own = make_org(Jurisdiction.CN)
    party = login(make_user(Role.PARTY, organisation=own))
    db.session.commit()
    page = client.get(f"/organisations/{own.id}/edit").get_data(as_text=True)
    assert page.startswith("<!doctype html>") and 'name="registry_number"' in page
    assert 'name="accept_checksum"' not in page

    response = client.post(f"/organisations/{own.id}/edit", data=form_data(
        registry_number=BAD_CHECKSUM_USCC, accept_checksum="y", checksum_override_reason="trust me",
    ))
    assert response.status_code == 422
    assert "the check character should be ‘L’, not ‘M’" in response.get_data(as_text=True)
    db.session.expire_all()
    assert own.registry_number != BAD_CHECKSUM_USCC
    assert audit("registry_checksum_overridden") == []

    response = client.post(f"/organisations/{own.id}/edit", data=form_data(
        registry_number=own.registry_number, name_en="Renamed Co., Ltd.",
    ))
    assert response.status_code == 302
    db.session.expire_all()
    assert own.name_en == "Renamed Co., Ltd."
    [entry] = audit("organisation_updated")
    assert entry.actor_id == party.id
    assert entry.changes["name_en"][1] == "Renamed Co., Ltd."


def test_accepted_number_stays_acceptable_when_other_particulars_change(client, login):
    own = make_org(Jurisdiction.CN, registry_number=BAD_CHECKSUM_USCC,
                   checksum_override_reason="Early code")
    login(make_user(Role.PARTY, organisation=own))
    db.session.commit()
    response = client.post(f"/organisations/{own.id}/edit", data=form_data(
        registry_number=BAD_CHECKSUM_USCC, domicile_en="9 New Road, Shenzhen",
    ))
    assert response.status_code == 302
    db.session.expire_all()
    assert own.domicile_en == "9 New Road, Shenzhen"
    assert own.checksum_override_reason == "Early code"


def test_registrar_searches_by_english_or_chinese_name_or_number(client, login):
    bright = make_org(Jurisdiction.CN, name_en="Bright Lighting Co., Ltd.", name_zh="光明照明有限公司")
    harbour = make_org(Jurisdiction.SG, name_en="Harbour Freight Pte. Ltd.", name_zh="")
    login(make_user(Role.REGISTRAR))
    db.session.commit()

    def names(query):
        return client.get("/organisations", query_string={"q": query}).get_data(as_text=True)

    assert "Bright Lighting" in names("bright") and "Harbour" not in names("bright")
    assert "Bright Lighting" in names("光明") and "Harbour" not in names("光明")
    spaced = f"{harbour.registry_number[:4]} {harbour.registry_number[4:].lower()}"
    assert "Harbour" in names(spaced) and "Bright" not in names(spaced)
    assert bright.registry_number in names("")


def test_detail_lists_the_cases_the_viewer_may_see(client, login):
    case = make_case(CaseState.FILED)
    draft = make_case(CaseState.DRAFT, respondent_org=case.respondent.organisation)
    login(make_user(Role.PARTY, organisation=case.respondent.organisation))
    db.session.commit()
    page = client.get(f"/organisations/{case.respondent.organisation_id}").get_data(as_text=True)
    assert case.reference in page
    assert f"/cases/{draft.id}" not in page  # a respondent never sees a draft


@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR, Role.ADMIN])
def test_others_are_refused(client, login, role):
    organisation = make_org(Jurisdiction.SG)
    login(make_user(role, organisation=make_org(Jurisdiction.SG) if role == Role.PARTY else None))
    db.session.commit()
    assert client.get("/organisations").status_code == 403
    assert client.get("/organisations/new").status_code == 403
    assert client.get(f"/organisations/{organisation.id}").status_code == 403
    assert client.get(f"/organisations/{organisation.id}/edit").status_code == 403
    response = client.post(f"/organisations/{organisation.id}/edit", data=form_data(
        jurisdiction="SG", registry_number=organisation.registry_number, name_zh="",
    ))
    assert response.status_code == 403
    db.session.expire_all()
    assert organisation.name_en != "Shenzhen Bright Lighting Co., Ltd."


def test_anonymous_is_sent_to_sign_in_and_unknown_ids_are_404(client, login):
    organisation = make_org(Jurisdiction.SG)
    db.session.commit()
    for url in ("/organisations", "/organisations/new", f"/organisations/{organisation.id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    assert client.get("/organisations/999999").status_code == 404


def test_uen_registration(client, login):
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    response = client.post("/organisations/new", data=form_data(
        jurisdiction="SG", registry_number=valid_uen(31), name_zh="",
        legal_representative="", legal_representative_title="",
    ))
    assert response.status_code == 302
    assert db.session.scalar(db.select(Organisation)).registry_number == valid_uen(31)
