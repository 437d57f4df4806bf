"""A mediator schedules a hearing in headless Chromium; the claimant's counsel, in London,
sees it on their dashboard in their own time zone, named, with Singapore's time beside it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.extensions import db
from casework.hearings.models import Hearing
from tests.factories import PASSWORD, make_case, make_org, make_user

pytestmark = pytest.mark.browser


def sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server}/login")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")


def test_mediator_schedules_and_party_sees_it_in_their_zone(live_server, page, tmp_path):
    claimant_org = make_org(name_en="Lion Point Engineering Pte. Ltd.")
    counsel = make_user(Role.PARTY, organisation=claimant_org, email="counsel@lionpoint.sg",
                        name="Counsel in London", timezone="Europe/London")
    mediator = make_user(Role.MEDIATOR, email="tan@mediators.sg", name="Mediator Tan",
                         timezone="Asia/Singapore")
    case = make_case(CaseState.MEDIATOR_APPOINTED, claimant_org=claimant_org,
                     claimant_user=counsel, mediator=mediator)
    db.session.commit()
    day = date(date.today().year + 1, 1, 15)  # winter: London keeps GMT (UTC+0)

    sign_in(page, live_server, mediator)
    page.goto(f"{live_server}/cases/{case.id}")
    page.locator("a[data-action=manage_hearings]").click()
    page.select_option("#kind", "joint_session")
    page.fill("#day", day.isoformat())
    page.fill("#start_time", "10:00")
    page.fill("#end_time", "12:00")
    page.select_option("#venue_kind", "singapore")
    page.fill("#address", "Maxwell Chambers, 32 Maxwell Road")
    assert page.locator(f"input[name=participants][value='{counsel.id}']").is_checked()
    page.screenshot(path=str(tmp_path / "schedule.png"), full_page=True)
    page.get_by_role("button", name="Schedule the hearing").click()
    page.wait_for_url(re.compile(r"/hearings/\d+$"))
    assert "10:00–12:00 UTC+8 (Asia/Singapore)" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "hearing.png"), full_page=True)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, counsel)
    dashboard = page.locator("section.upcoming-hearings").inner_text()
    when = f"{day:%a, %b} {day.day}, {day.year}"
    assert f"Joint session — {case.reference}" in dashboard
    assert (f"{when}, 02:00–04:00 GMT (Europe/London) — "
            "10:00–12:00 in Singapore (Asia/Singapore)") in dashboard
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    db.session.expire_all()
    [hearing] = db.session.scalars(db.select(Hearing)).all()
    assert sorted(p.user_id for p in hearing.participants) == sorted([mediator.id, counsel.id])
