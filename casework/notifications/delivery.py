"""Deliver the outbox: send pending e-mails over SMTP, retrying with back-off.

Run by ``flask --app app casework send-mail`` (from cron or a loop). Each message is locked with
``FOR UPDATE SKIP LOCKED`` and committed on its own, so several workers can drain one
PostgreSQL outbox without sending a message twice. Without ``MAIL_SERVER`` (development) the
messages are printed to standard output instead.
"""

from __future__ import annotations

import smtplib
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from flask import current_app

from casework.db import now_utc
from casework.extensions import db
from casework.notifications.models import OutboxAttachment, OutboxMessage, OutboxStatus

# The first retry waits this long; each further one waits twice as long as the one before.
RETRY_BASE_DELAY = timedelta(minutes=1)
RETRY_MAX_DELAY = timedelta(hours=6)
SMTP_TIMEOUT_SECONDS = 30

# 7bit: bodies are quoted-printable or base64, so any relay accepts them (no 8BITMIME needed).
_MAIL_POLICY = policy.SMTP.clone(cte_type="7bit")


@dataclass
class DeliveryReport:
    """What one delivery run did."""

    sent: int = 0
    failed: int = 0  # gave up: reached MAIL_MAX_ATTEMPTS
    retrying: int = 0  # failed this time, another attempt is scheduled

    def __str__(self) -> str:
        return f"sent {self.sent}, failed {self.failed}, retrying {self.retrying}"


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt (1, 2, 4, ... minutes; capped)."""
    return min(RETRY_BASE_DELAY * 2 ** (attempts - 1), RETRY_MAX_DELAY)


def build_email(message: OutboxMessage, *, sender: str, now: datetime) -> EmailMessage:
    """The MIME message for an outbox row: UTF-8 text, encoded headers, Date and Message-ID;
    with attachments, ``multipart/mixed`` holding the text and each attachment (base64, its
    full content type kept, e.g. ``text/calendar; method=REQUEST; charset=utf-8``)."""
    email = EmailMessage(policy=_MAIL_POLICY)
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "casework.invalid"
    email["Message-ID"] = make_msgid(idstring=f"outbox.{message.id}", domain=domain)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body, charset="utf-8")
    language = "zh-CN" if message.locale.startswith("zh") else "en"
    if message.attachments:
        email.make_mixed()
        email.get_body(("plain",))["Content-Language"] = language
        for attachment in message.attachments:
            _attach(email, attachment)
    # After set_content, which replaces every Content-* header.
    email["Content-Language"] = language
    return email


def _attach(email: EmailMessage, attachment: OutboxAttachment) -> None:
    """Add ``attachment`` to ``email`` with its MIME type and parameters, base64-encoded."""
    part = EmailMessage(policy=_MAIL_POLICY)
    part["Content-Type"] = attachment.content_type
    maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
    params = dict(part["Content-Type"].params)
    email.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                         filename=attachment.filename, params=params)


class _SMTPConnection:
    """One SMTP session for a delivery run, opened on first use and reopened after an error."""

    def __init__(self, config):
        self.config = config
        self.smtp: smtplib.SMTP | None = None

    def send(self, email: EmailMessage) -> None:
        if self.smtp is None:
            self.smtp = self._open()
        try:
            self.smtp.send_message(email)
        except (smtplib.SMTPException, OSError):
            self.close()
            raise

    def _open(self) -> smtplib.SMTP:
        smtp = smtplib.SMTP(self.config["MAIL_SERVER"], self.config["MAIL_PORT"],
                            timeout=SMTP_TIMEOUT_SECONDS)
        try:
            if self.config["MAIL_USE_TLS"]:
                smtp.starttls()
            if self.config["MAIL_USERNAME"]:
                smtp.login(self.config["MAIL_USERNAME"], self.config["MAIL_PASSWORD"])
        except (smtplib.SMTPException, OSError):
            smtp.close()
            raise
        return smtp

    def close(self) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
        self.smtp = None


def _print_email(email: EmailMessage) -> None:
    """Development mode: show the message readably (decoded) on standard output."""
    out = sys.stdout
    out.write("-" * 72 + "\n")
    for header in ("From", "To", "Subject", "Date", "Message-ID"):
        out.write(f"{header}: {email[header]}\n")
    out.write("\n" + email.get_body(("plain",)).get_content())
    for attachment in email.iter_attachments():
        out.write(f"[{attachment.get_content_type()}: {attachment.get_filename()}]\n")
    out.write("-" * 72 + "\n")
    out.flush()


def _next_due(now: datetime) -> OutboxMessage | None:
    """Lock the next pending message that is due, skipping rows another worker holds."""
    return db.session.scalars(
        db.select(OutboxMessage)
        .filter(OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()


def deliver_pending(now: datetime | None = None) -> DeliveryReport:
    """Send every pending message due at ``now`` (default: the current time); commit each one.

    A message that cannot be sent keeps its status with ``attempts`` raised, the error stored
    and the next attempt scheduled with exponential back-off; after ``MAIL_MAX_ATTEMPTS``
    attempts it is marked failed.
    """
    now = now or now_utc()
    config = current_app.config
    console = not config["MAIL_SERVER"]
    connection = _SMTPConnection(config)
    report = DeliveryReport()
    try:
        while (message := _next_due(now)) is not None:
            try:
                email = build_email(message, sender=config["MAIL_SENDER"], now=now)
                if console:
                    _print_email(email)
                else:
                    connection.send(email)
            except (smtplib.SMTPException, OSError, ValueError) as error:
                _record_failure(message, error, now, config["MAIL_MAX_ATTEMPTS"], report)
            else:
                message.status = OutboxStatus.SENT
                message.sent_at = now
                message.last_error = None
                message.attempts += 1
                report.sent += 1
            db.session.commit()
    finally:
        connection.close()
    return report


def _record_failure(message: OutboxMessage, error: Exception, now: datetime,
                    max_attempts: int, report: DeliveryReport) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= max_attempts:
        message.status = OutboxStatus.FAILED
        report.failed += 1
    else:
        message.next_attempt_at = now + retry_delay(message.attempts)
        report.retrying += 1

