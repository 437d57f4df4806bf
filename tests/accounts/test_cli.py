"""``flask casework create-user``."""

from casework.accounts.models import Locale, Role, User
from casework.audit.models import AuditEntry
from casework.extensions import db
from casework.mediators.models import MediatorProfile
from tests.factories import make_org, make_user


def create_user(runner, *args, input=None):
    return runner.invoke(args=["casework", "create-user", *args], input=input)


def test_create_admin(runner):
    result = create_user(runner, "--email", "Ops@SIMC.example", "--name", "Ops Admin",
                         "--role", "admin", "--password", "a long secret!")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User))
    assert user.email == "ops@simc.example" and user.role == Role.ADMIN
    assert user.check_password("a long secret!")
    entry = db.session.scalar(db.select(AuditEntry))
    assert entry.action == "account_created" and entry.actor_id is None
    assert f"Created admin ops@simc.example (id {user.id})" in result.output


def test_create_chinese_mediator_with_prompted_password(runner):
    result = create_user(runner, "--email", "zhang@scia.example", "--name", "张伟",
                         "--role", "mediator", "--locale", "zh_Hans", "--timezone", "Asia/Shanghai",
                         input="a long secret!\na long secret!\n")
    assert result.exit_code == 0, result.output
    assert "a long secret!" not in result.output
    user = db.session.scalar(db.select(User))
    assert (user.locale, user.timezone) == (Locale.ZH, "Asia/Shanghai")
    assert user.check_password("a long secret!")
    assert db.session.scalar(db.select(MediatorProfile)).user_id == user.id


def test_prompted_password_must_match(runner):
    result = create_user(runner, "--email", "x@simc.example", "--name", "X", "--role", "registrar",
                         input="a long secret!\nanother one!!\na long secret!\na long secret!\n")
    assert "Error: The two entered values do not match." in result.output
    assert result.exit_code == 0
    assert db.session.scalar(db.select(User)).check_password("a long secret!")


def test_create_party_for_organisation(runner):
    organisation = make_org()
    db.session.commit()
    result = create_user(runner, "--email", "rep@example.com", "--name", "Rep", "--role", "party",
                         "--password", "a long secret!", "--organisation-id", str(organisation.id))
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User)).organisation_id == organisation.id


def test_duplicate_email_fails(runner):
    make_user(Role.REGISTRAR, email="ops@simc.example")
    db.session.commit()
    result = create_user(runner, "--email", "OPS@simc.example", "--name", "Ops", "--role", "admin",
                         "--password", "a long secret!")
    assert result.exit_code == 1
    assert "An account with the e-mail address ops@simc.example already exists." in result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_invalid_values_fail(runner):
    cases = [
        (["--role", "superuser"], "Invalid value for '--role'", 2),
        (["--role", "admin", "--locale", "fr"], "Invalid value for '--locale'", 2),
        (["--role", "admin", "--timezone", "Mars/Base"], "Unknown time zone Mars/Base.", 1),
        (["--role", "admin", "--password", "short"], "at least 10 characters", 1),
        (["--role", "party", "--organisation-id", "999"], "no organisation with id 999", 1),
    ]
    for extra, message, code in cases:
        args = ["--email", "ops@simc.example", "--name", "Ops", *extra]
        if "--password" not in extra:
            args += ["--password", "a long secret!"]
        result = create_user(runner, *args)
        assert result.exit_code == code, (extra, result.output)
        assert message in result.output, (extra, result.output)
    result = create_user(runner, "--email", "not-an-address", "--name", "Ops", "--role", "admin",
                         "--password", "a long secret!")
    assert result.exit_code == 1 and "not a valid e-mail address" in result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
