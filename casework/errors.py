"""Domain errors raised by operations and rendered by the error handlers."""

from __future__ import annotations


class DomainError(Exception):
    """Base class: a request that the domain refuses. ``status`` is the HTTP status to show."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class IllegalTransition(DomainError):
    """The action is not allowed from the case's current state (HTTP 409)."""

    status = 409


class StaleCase(DomainError):
    """The case was changed by someone else since the form was loaded (HTTP 409)."""

    status = 409


class NotPermitted(DomainError):
    """The acting user may not do this (HTTP 403)."""

    status = 403


class InvalidInput(DomainError):
    """Input that passed the form but fails a domain rule (HTTP 400/422 shown on the form)."""

    status = 422
