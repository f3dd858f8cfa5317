"""Refusals the services raise. Pages show their message; the API answers 400, or 409
for a change that lost a race with someone else's. NotAllowed is also Django's
PermissionDenied, so wherever it escapes it answers 403 (and is logged as refused)."""

from django.core.exceptions import PermissionDenied


class InterventionsError(ValueError):
    """A request that cannot be carried out as asked; the message says why, in plain words."""


class NotAllowed(InterventionsError, PermissionDenied):
    """The user's role may not do this (pages and the API answer 403)."""


class InvalidTransition(InterventionsError):
    """The referral or intervention is not in a state that allows this change."""


class ConcurrentChange(InvalidTransition):
    """Someone else changed the record since the user loaded it (optimistic locking)."""


class StateForbids(InvalidTransition):
    """What was asked is well formed, but the record's state forbids it now (a withdrawn
    session, a closed intervention): the API answers 409 even where it answers other
    refusals of what was sent with 400."""
