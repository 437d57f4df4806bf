"""People who chose Simplified Chinese (or whose browser asks for it) get the interface and their
e-mails in Chinese; everyone else gets English."""

from __future__ import annotations

from casework.accounts.models import Locale, Role
from casework.cases.models import CaseState
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_org, make_user


def html(response) -> str:
    """The page's HTML, after checking it was served."""
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def chinese_party():
    """A party representative of a Singapore company who reads Chinese."""
    return make_user(Role.PARTY, organisation=make_org(), locale=Locale.ZH,
                     timezone="Asia/Shanghai")


def test_dashboard_is_in_chinese(client, login):
    user = login(chinese_party())
    make_case(CaseState.FILED, claimant_org=user.organisation, claimant_user=user)

    page = html(client.get("/"))

    assert '<html lang="zh-CN">' in page
    assert "贵机构的案件" in page  # Your organisation's cases
    assert "提交调解申请书" in page  # File a Request for Mediation
    assert "已提交" in page  # the state "Filed"
    assert "Your organisation's cases" not in page


def test_filing_form_is_in_chinese(client, login):
    login(chinese_party())

    page = html(client.get("/cases/new"))

    assert '<html lang="zh-CN">' in page
    assert "新建调解申请书" in page  # New Request for Mediation
    assert "争议金额" in page  # Amount in dispute
    assert "被申请人联系人" in page  # Respondent's contact person
    assert "保存草稿" in page  # Save draft
    assert "Amount in dispute" not in page


def test_case_page_is_in_chinese(client, login):
    user = login(chinese_party())
    case = make_case(CaseState.FILED, claimant_org=user.organisation, claimant_user=user)

    page = html(client.get(f"/cases/{case.id}"))

    assert '<html lang="zh-CN">' in page
    assert case.reference in page
    assert "申请人" in page and "被申请人" in page  # Claimant, Respondent
    assert "争议解决条款" in page  # Dispute-resolution clause
    assert "事先调解约定" in page  # Prior agreement to mediate
    assert "Dispute-resolution clause" not in page


def test_login_page_follows_a_chinese_browser(client):
    page = html(client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}))

    assert '<html lang="zh-CN">' in page
    assert "登录" in page  # Sign in
    assert "忘记密码？" in page  # Forgotten your password?
    assert "Forgotten your password?" not in page


def test_login_page_stays_english_for_an_english_browser(client):
    page = html(client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}))

    assert '<html lang="en">' in page
    assert "Forgotten your password?" in page
    assert "忘记密码" not in page


def test_password_reset_mail_is_in_the_users_language(client):
    user = chinese_party()

    response = client.post("/password/forgot", data={"email": user.email},
                           headers={"Accept-Language": "en"})

    assert response.status_code == 200
    message = OutboxMessage.query.filter_by(recipient=user.email).one()
    assert message.locale == Locale.ZH.value
    assert message.subject == "重置您的SIMC案件管理系统密码"
    assert message.body.startswith(f"尊敬的{user.name}：")
    assert "该链接仅可使用一次" in message.body  # the link can be used once
    assert "/password/reset/" in message.body
    assert "Reset your" not in message.body


def test_password_reset_mail_stays_english_for_an_english_user(client):
    user = make_user(Role.PARTY, organisation=make_org(), locale=Locale.EN)

    client.post("/password/forgot", data={"email": user.email},
                headers={"Accept-Language": "zh-CN"})

    message = OutboxMessage.query.filter_by(recipient=user.email).one()
    assert message.subject == "Reset your SIMC Casework password"
    assert message.body.startswith(f"Dear {user.name},")


def test_filing_form_errors_are_in_chinese(client, login):
    login(chinese_party())

    response = client.post("/cases/new", data={"review": "1"})

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请更正以下错误。" in page  # Please correct the errors below.
    assert "被申请人联系人：此项为必填项。" in page  # the filing form's own message
    assert "登记名称（英文）：该字段是必填字段。" in page  # WTForms' message, in a sub-form
    assert "This field is required." not in page


def test_error_pages_are_in_chinese(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "zh-CN"})

    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>页面不存在</h1>" in page  # Page not found
    assert "此页面不存在。" in page  # There is nothing here.
    assert "Not Found" not in page
