"""Notices of scheduling, rescheduling and cancelling: every participant, in their language and
time zone, with the ``.ics`` attached — delivered through a real SMTP server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar

from casework.db import now_utc
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.models import VenueKind
from casework.notifications.delivery import deliver_pending
from tests.hearings.helpers import plan, schedule

AT = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Singapore, 02:00 in London (GMT)


def by_recipient(messages) -> dict:
    return {message["To"]: message for message in messages}


def calendar_part(message):
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return part


def test_every_participant_gets_the_notice_with_the_invitation(smtp_server, mediation):
    hearing = schedule(mediation.case, [mediation.claimant, mediation.respondent], plan(AT))

    report = deliver_pending()

    assert report.sent == 3
    mails = by_recipient(smtp_server.messages)
    assert sorted(mails) == sorted(
        u.email for u in (mediation.mediator, mediation.claimant, mediation.respondent))
    for mail in mails.values():
        assert mail.get_content_type() == "multipart/mixed"
        part = calendar_part(mail)
        assert part.get_param("method") == "REQUEST"
        assert part.get_content_charset() == "utf-8"
        assert part.get_filename() == "invite.ics"
        event = Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
        assert str(event["UID"]) == hearing.uid
        assert event["DTSTART"].params["TZID"] == "Asia/Singapore"
        assert event.decoded("DTSTART") == AT


def test_each_notice_is_in_the_recipients_language_and_zone(smtp_server, mediation):
    schedule(mediation.case, [mediation.claimant, mediation.respondent], plan(AT))
    deliver_pending()
    mails = by_recipient(smtp_server.messages)

    english = mails[mediation.claimant.email]
    chinese = mails[mediation.respondent.email]
    english_body = english.get_body(("plain",)).get_content()
    chinese_body = chinese.get_body(("plain",)).get_content()
    with force_locale("zh_Hans"):
        dear_in_chinese = _("Dear %(name)s,", name=mediation.respondent.name)
    assert dear_in_chinese != f"Dear {mediation.respondent.name},"
    assert dear_in_chinese in chinese_body
    assert chinese["Content-Language"] == "zh-CN"
    assert english["Content-Language"] == "en"
    assert f"Dear {mediation.claimant.name}," in english_body
    assert mediation.case.reference in english["Subject"]
    # the London counsel's time, then Singapore's; the Shanghai reader's own clock
    assert "02:00–04:00 GMT (Europe/London) — 10:00–12:00 in Singapore" in english_body
    assert "10:00–12:00 CST (Asia/Shanghai)" in chinese_body
    assert "2027年3月10日" in chinese_body


def test_rescheduling_and_cancelling_notify_with_the_right_method(smtp_server, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    later = AT + timedelta(days=1)
    operations.reschedule_hearing(
        mediation.mediator, hearing, later, later + timedelta(hours=2),
        operations.Venue(VenueKind.SINGAPORE, "", "Maxwell Chambers"), "Room unavailable.",
        expected_version=mediation.case.version, now=now_utc())
    operations.cancel_hearing(mediation.mediator, hearing, "Settled before the hearing.",
                              expected_version=mediation.case.version, now=now_utc())
    db.session.commit()

    deliver_pending()

    to_claimant = [m for m in smtp_server.messages if m["To"] == mediation.claimant.email]
    methods = [calendar_part(m).get_param("method") for m in to_claimant]
    sequences = [Calendar.from_ical(calendar_part(m).get_content()).walk("VEVENT")[0]
                 .decoded("SEQUENCE") for m in to_claimant]
    assert methods == ["REQUEST", "REQUEST", "CANCEL"]
    assert sequences == [0, 1, 2]
    rescheduled = to_claimant[1].get_body(("plain",)).get_content()
    assert "Room unavailable." in rescheduled
    assert "Previously: Wed, Mar 10, 2027, 02:00–04:00 GMT (Europe/London)" in rescheduled
    assert "Settled before the hearing." in to_claimant[2].get_body(("plain",)).get_content()


def test_a_participant_deactivated_since_is_not_mailed(smtp_server, mediation):
    hearing = schedule(mediation.case, [mediation.claimant, mediation.respondent], plan(AT))
    mediation.respondent.active = False
    operations.cancel_hearing(mediation.mediator, hearing, "Settled.",
                              expected_version=mediation.case.version, now=now_utc())
    db.session.commit()

    deliver_pending()

    kinds_to_respondent = [m["Subject"] for m in smtp_server.messages
                           if m["To"] == mediation.respondent.email]
    assert len(kinds_to_respondent) == 1  # the invitation, sent while still active
    assert len([m for m in smtp_server.messages if m["To"] == mediation.claimant.email]) == 2


def test_console_delivery_lists_the_attachment(capsys, mediation):
    schedule(mediation.case, [mediation.claimant], plan(AT))

    deliver_pending()

    printed = capsys.readouterr().out
    assert "[text/calendar: invite.ics]" in printed
