"""App-wide web wiring: blueprints, error pages, template helpers, the user loader."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from casework.errors import DomainError
from casework.extensions import db, login_manager


def init_app(app: Flask) -> None:
    """Register blueprints, error handlers and template globals on ``app``."""
    from casework.accounts.views import bp as accounts_bp
    from casework.arbitration.views import bp as arbitration_bp
    from casework.cases.views import bp as cases_bp
    from casework.deadlines.views import bp as deadlines_bp
    from casework.documents.generated.views import bp as generated_bp
    from casework.documents.verification_views import bp as verification_bp
    from casework.documents.views import bp as documents_bp
    from casework.hearings.views import bp as hearings_bp
    from casework.mediators.views import bp as mediators_bp
    from casework.parties.views import bp as parties_bp
    from casework.settlement.views import bp as settlement_bp

    for blueprint in (accounts_bp, cases_bp, deadlines_bp, documents_bp, hearings_bp,
                      mediators_bp, parties_bp, verification_bp, settlement_bp, generated_bp,
                      arbitration_bp):
        app.register_blueprint(blueprint)

    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.user_loader(_load_user)

    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(StaleDataError, _stale_data)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.context_processor(_template_globals)
    app.teardown_request(_rollback_unfinished)
    app.after_request(_protective_headers)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _protective_headers(response):
    """Every response: no MIME sniffing, no framing, only this site's own scripts and styles."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def render_form(template: str, form, **context):
    """Render a page holding ``form`` (as ``form``) with its status: 422 when the form was
    submitted, since a page shown again after a submission means it was refused (a successful
    one redirects), else 200."""
    status = 422 if form.is_submitted() else 200
    return render_template(template, form=form, **context), status


def _load_user(user_id: str):
    from casework.accounts.models import User

    return db.session.get(User, int(user_id))


def _template_globals() -> dict:
    from casework import i18n
    from casework.accounts.labels import ROLE_LABELS
    from casework.audit.labels import audit_label
    from casework.cases.labels import LANGUAGE_LABELS, SIDE_LABELS, VENUE_LABELS
    from casework.cases.workflow import ACTION_LABELS, STATE_LABELS
    from casework.documents.labels import CIRCULATION_EXPLANATIONS, CIRCULATION_LABELS
    from casework.mediators.labels import ANSWER_LABELS, DISCLOSURE_LABELS, PROPOSAL_STATUS_LABELS
    from casework.parties.labels import JURISDICTION_LABELS

    return {
        "html_lang": i18n.html_lang,
        "local_datetime": i18n.local_datetime,
        "LANGUAGE_NAMES": i18n.LANGUAGE_NAMES,
        "STATE_LABELS": STATE_LABELS,
        "ACTION_LABELS": ACTION_LABELS,
        "LANGUAGE_LABELS": LANGUAGE_LABELS,
        "VENUE_LABELS": VENUE_LABELS,
        "SIDE_LABELS": SIDE_LABELS,
        "JURISDICTION_LABELS": JURISDICTION_LABELS,
        "ROLE_LABELS": ROLE_LABELS,
        "PROPOSAL_STATUS_LABELS": PROPOSAL_STATUS_LABELS,
        "DISCLOSURE_LABELS": DISCLOSURE_LABELS,
        "ANSWER_LABELS": ANSWER_LABELS,
        "CIRCULATION_LABELS": CIRCULATION_LABELS,
        "CIRCULATION_EXPLANATIONS": CIRCULATION_EXPLANATIONS,
        "audit_label": audit_label,
    }


def _rollback_unfinished(exc) -> None:
    """Whatever a failed request flushed is rolled back: no half-written rows."""
    if exc is not None:
        db.session.rollback()


def _render_error(status: int, title: str, message: str):
    db.session.rollback()
    if request.accept_mimetypes.best == "application/json":
        return {"error": message}, status
    return render_template("errors.html", status=status, title=title, message=message), status


def _domain_error(error: DomainError):
    titles = {403: _("Not permitted"), 409: _("Not possible now"), 422: _("Not accepted")}
    return _render_error(error.status, titles.get(error.status, _("Error")), str(error.message))


def _stale_data(error):
    return _render_error(
        409,
        _("Not possible now"),
        _("This case was changed by someone else — reload the page and try again."),
    )


def _csrf_error(error):
    return _render_error(
        400,
        _("Form expired"),
        _("The form was missing its security token or it expired. Reload the page and try again."),
    )


def _http_error(error: HTTPException):
    titles = {
        400: _("Bad request"),
        403: _("No access"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        413: _("Upload too large"),
    }
    messages = {
        400: _("The request could not be understood."),
        403: _("You do not have access to this page."),
        404: _("There is nothing here."),
        405: _("That method is not allowed here."),
        413: _("The upload is larger than allowed."),
    }
    message = messages.get(error.code, error.description or "")
    return _render_error(error.code or 500, titles.get(error.code, error.name), message)
