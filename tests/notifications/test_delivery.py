"""Delivering the outbox over SMTP: MIME encoding, retries with back-off, console mode."""

import socket
from datetime import timedelta

import pytest

from casework.accounts.models import Locale, Role
from casework.db import now_utc
from casework.extensions import db
from casework.notifications.delivery import deliver_pending, retry_delay
from casework.notifications.models import OutboxMessage, OutboxStatus
from casework.notifications.outbox import enqueue_for_user
from tests.factories import make_user

CHINESE_SUBJECT = "重置您的 SIMC Casework 密码（案件 SIMC-2026-0001）"
CHINESE_BODY = "王伟先生：\n\n请打开以下链接设置新密码。\n深圳国际仲裁院\n"


def queue(subject="Hearing notice", body="The hearing is on 29 November 2026.\n",
          recipient="li.na@example.cn", locale="en", **fields) -> OutboxMessage:
    message = OutboxMessage(kind="test", recipient=recipient, locale=locale, subject=subject,
                            body=body, **fields)
    db.session.add(message)
    db.session.commit()
    return message


def text(email) -> str:
    """The decoded body, with the CRLF line ends of the MIME canonical form made ``\\n``."""
    return email.get_content().replace("\r\n", "\n")


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_message_is_proper_mime(app, smtp_server):
    message = queue()
    now = now_utc()
    report = deliver_pending(now)
    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    [email] = smtp_server.messages
    assert email["From"] == app.config["MAIL_SENDER"]
    assert email["To"] == "li.na@example.cn"
    assert email["Subject"] == "Hearing notice"
    assert email["Date"].datetime == now.replace(microsecond=0)
    assert email["Message-ID"].startswith("<") and email["Message-ID"].endswith("@simc.example>")
    assert email.get_content_type() == "text/plain"
    assert email.get_content_charset() == "utf-8"
    assert text(email) == "The hearing is on 29 November 2026.\n"
    db.session.refresh(message)
    assert message.status == OutboxStatus.SENT and message.sent_at == now
    assert message.attempts == 1 and message.last_error is None


def test_chinese_subject_and_body_are_encoded_and_decode_back(smtp_server):
    user = make_user(Role.PARTY, locale=Locale.ZH, name="王伟", email="wang.wei@example.cn")
    queue(subject=CHINESE_SUBJECT, body=CHINESE_BODY, recipient=user.email, locale="zh_Hans")
    deliver_pending()
    [email] = smtp_server.messages
    assert email["Subject"] == CHINESE_SUBJECT
    assert text(email) == CHINESE_BODY
    assert email["Content-Language"] == "zh-CN"
    assert email["Content-Transfer-Encoding"] in {"base64", "quoted-printable"}
    raw = email.as_bytes(policy=email.policy.clone(utf8=False))
    raw.decode("ascii")  # 7-bit clean on the wire: encoded words and base64/QP only
    assert b"Subject: =?utf-8?" in raw


def test_rendered_email_of_a_chinese_user_is_delivered(smtp_server):
    user = make_user(Role.PARTY, locale=Locale.ZH, name="王伟")
    enqueue_for_user("password_reset", user, link="http://localhost/password/reset/x",
                     expires_hours=2)
    db.session.commit()
    deliver_pending()
    [email] = smtp_server.messages
    assert "王伟" in email.get_content()
    assert email["Content-Language"] == "zh-CN"


def test_failed_attempt_is_retried_later(app, smtp_server):
    message = queue()
    now = now_utc()
    listening_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = closed_port()
    try:
        report = deliver_pending(now)
    finally:
        app.config["MAIL_PORT"] = listening_port
    assert (report.sent, report.failed, report.retrying) == (0, 0, 1)
    db.session.refresh(message)
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at == now + retry_delay(1)

    not_yet = deliver_pending(now + retry_delay(1) - timedelta(seconds=1))
    assert not_yet.sent == 0 and smtp_server.messages == []

    later = deliver_pending(now + retry_delay(1))
    assert later.sent == 1
    db.session.refresh(message)
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    assert len(smtp_server.messages) == 1


def test_gives_up_after_max_attempts(app):
    message = queue()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port())
    try:
        now = now_utc()
        reports = []
        for _ in range(app.config["MAIL_MAX_ATTEMPTS"]):
            reports.append(deliver_pending(now))
            db.session.refresh(message)
            now = message.next_attempt_at
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert [r.retrying for r in reports] == [1] * (app.config["MAIL_MAX_ATTEMPTS"] - 1) + [0]
    assert reports[-1].failed == 1
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == app.config["MAIL_MAX_ATTEMPTS"]
    assert deliver_pending(now + timedelta(days=1)).failed == 0


def test_back_off_doubles_up_to_a_cap():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8)]
    assert retry_delay(30) == timedelta(hours=6)


def test_only_due_pending_messages_are_sent(smtp_server):
    now = now_utc()
    queue(subject="due", next_attempt_at=now - timedelta(seconds=1))
    queue(subject="later", next_attempt_at=now + timedelta(minutes=5))
    queue(subject="already sent", status=OutboxStatus.SENT, sent_at=now)
    queue(subject="given up", status=OutboxStatus.FAILED, attempts=5)
    report = deliver_pending(now)
    assert report.sent == 1
    assert [e["Subject"] for e in smtp_server.messages] == ["due"]


def test_console_mode_prints_and_marks_sent(app, capsys):
    assert app.config["MAIL_SERVER"] == ""
    message = queue(subject=CHINESE_SUBJECT, body=CHINESE_BODY)
    report = deliver_pending()
    assert report.sent == 1
    printed = capsys.readouterr().out
    assert f"Subject: {CHINESE_SUBJECT}" in printed
    assert "To: li.na@example.cn" in printed
    assert "请打开以下链接设置新密码。" in printed
    db.session.refresh(message)
    assert message.status == OutboxStatus.SENT


@pytest.mark.parametrize("failing", [False, True])
def test_send_mail_command_reports_counts(app, runner, failing):
    queue()
    queue()
    if failing:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port())
    try:
        result = runner.invoke(args=["casework", "send-mail"])
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert result.exit_code == 0
    expected = "sent 0, failed 0, retrying 2" if failing else "sent 2, failed 0, retrying 0"
    assert result.output.strip().endswith(expected)
