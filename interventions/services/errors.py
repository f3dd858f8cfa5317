"""Refusals the services raise. Each class says what kind of refusal it is, so that no
caller has to guess: pages show any of them as a message in the form; the API answers
NotAllowed 403, Invalid 400 and InvalidTransition (ConcurrentChange among them) 409."""

from django.core.exceptions import PermissionDenied


class InterventionsError(ValueError):
    """A request that cannot be carried out as asked; the message says why, in plain words."""


class NotAllowed(InterventionsError, PermissionDenied):
    """The user's role may not do this. It is also Django's PermissionDenied, so wherever
    it escapes it answers 403 (and is logged as refused)."""


class Invalid(InterventionsError):
    """What was sent cannot be taken, whatever state the record is in: a text left empty or
    too long, a date out of range or against another one sent (or the record's fixed start),
    a worker who may not lead, a programme no longer offered, a change that changes nothing.
    The same request would be refused again, so the API answers 400, not 409.
    `field` names the form field it is about, so a page shows it there (add_form_errors)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.problems = {field: message} if field else {}


class InvalidTransition(InterventionsError):
    """What was sent is well formed, but the record's state forbids it now: a referral not
    accepted, already sent or still a draft, an intervention closed or not started yet, a
    withdrawn session. The API answers 409 Conflict: read the record again and decide again."""


class ConcurrentChange(InvalidTransition):
    """Someone else changed the record since the user loaded it (optimistic locking).
    `happened` says what changed without advice, and `version` is the record's version
    now: a page re-renders the form with both, so its sender can send their text again
    rather than reload it away (the message's advice suits an API client)."""

    def __init__(self, message: str, *, happened: str = "", version: int | None = None) -> None:
        super().__init__(message)
        self.happened = happened or message
        self.version = version
