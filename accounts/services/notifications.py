"""Telling people that something needs them. Other apps call `notify`; the email goes
out after the caller's transaction commits, so a rolled-back change sends nothing."""

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from accounts.models import EmailPreference, Notification, User
from portal import locks
from portal.sentences import counted
from schools.models import Person

MAX_TITLE = Notification._meta.get_field("title").max_length
RETRY_AFTER = timedelta(minutes=5)
"""An "each" email not sent by then (the task queue or the mail server was down) is
sent by the sweep, notifications_email_pending."""
RETRY_FOR = timedelta(days=1)
"""After a day an email is news nobody needs; the notification stays in the portal."""

SINCE_CHOSEN = Q(user__notification_email_since__isnull=True) | Q(
    created_at__gte=F("user__notification_email_since")
)
"""Only what arrived after the user chose how to be emailed: choosing email does not
send the backlog."""

logger = logging.getLogger(__name__)


@transaction.atomic
def notify(
    *,
    users: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    person: Person | None = None,
    object_ids: Iterable[int] = (),
) -> int:
    """One notification per active user who signs in (never a service account, which
    would hold it unread); returns how many were written. `title` and
    `body` must not name a child: pass the young person as `person`, and the page names
    them only to readers who may still see them. Nor must they name what is only for
    some readers (a trigger point): pass its records' ids as `object_ids`, and the
    describer registered for `kind` (accounts.notification_details) words them for each
    reader on the page; emails never carry them. Users who chose "each" get an email
    once this transaction commits; "daily" users get it in the next digest."""
    from accounts.tasks import email_notifications_task

    recipients = {u.pk: u for u in users if u.is_active and not u.is_service_account}
    about = list(object_ids)
    written = Notification.objects.bulk_create(
        Notification(
            user=u, kind=kind, title=title[:MAX_TITLE], body=body, url=url, person=person, object_ids=about
        )
        for u in recipients.values()
    )
    at_once = [n.pk for n in written if n.user.notification_email == EmailPreference.EACH]
    if at_once:
        # Robust: a task queue that is down must not turn a change that has committed into
        # an error page; the sweep sends the email later.
        transaction.on_commit(lambda: email_notifications_task.delay(at_once), robust=True)
    return len(written)


@transaction.atomic
def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Marks the user's own notifications read (all unread ones when `ids` is None)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_email_set(*, user: User, preference: str, now: datetime | None = None) -> User:
    """Records the choice and when it was made: someone who had chosen no email and now
    asks for a daily digest expects it to list what arrives from now on, not the titles
    of every notification since they joined."""
    preference = EmailPreference(preference)
    if preference != user.notification_email:
        user.notification_email = preference
        user.notification_email_since = now or timezone.now()
        user.save(update_fields=["notification_email", "notification_email_since"])
    return user


def _portal_link(url: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{url or '/notifications/'}"


def _send(user: User, subject: str, lines: list[str]) -> None:
    send_mail(
        subject=f"{settings.SERVICE_NAME}: {subject}",
        message="\n".join(
            [
                *lines,
                "",
                "Sign in to the portal to see the details. This email contains no personal data.",
                f"Change how you are emailed: {_portal_link('/notifications/settings/')}",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def _sent(user: User, subject: str, lines: list[str]) -> bool:
    """Whether the email left. A mail server that refuses or is down stops the run: what
    was sent before stays marked sent (never sent twice), the rest waits for the next
    run, and the change that caused them is not undone."""
    try:
        _send(user, subject, lines)
    except (smtplib.SMTPException, OSError):
        logger.warning(
            "A notification email to user %s was not sent; it will be tried again.", user.pk, exc_info=True
        )
        return False
    return True


@transaction.atomic
def notifications_email(*, ids: Iterable[int]) -> int:
    """Emails each not-yet-emailed notification of `ids` to its user, once."""
    pending = (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .filter(pk__in=list(ids), emailed_at__isnull=True, user__is_active=True)
    )
    sent = 0
    for notification in pending:
        # The notifications page, not the notification's own link: for a pupil that is
        # their record's address, and an email carries no identifier of a child.
        lines = [line for line in (notification.body, _portal_link("")) if line]  # most have no body
        if not _sent(notification.user, notification.title, lines):
            break
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        sent += 1
    return sent


@transaction.atomic
def notification_digests_send(*, now: datetime | None = None) -> int:
    """One email per "daily" user listing the titles of what arrived since their last
    digest and since they chose the digest; each notification is in at most one email.
    A user already emailed today waits for tomorrow's, so a second run in a day (a
    retried or restarted beat, a run by hand) never sends a second digest. A run that
    starts while another is sending waits for it: the rows the first has locked would be
    skipped, but a notification arriving meanwhile would not, and its user's digest of
    today, not yet committed, would not be seen. Returns emails sent."""
    locks.hold(locks.Lock.DIGEST)
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    emailed_today = Notification.objects.filter(user=OuterRef("user"), emailed_at__gte=today)
    pending = (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .filter(
            emailed_at__isnull=True,
            user__is_active=True,
            user__notification_email=EmailPreference.DAILY,
        )
        .filter(SINCE_CHOSEN)
        .exclude(Exists(emailed_today))
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    sent = 0
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    for batch in by_user.values():
        lines = [*(f"- {n.title}" for n in batch), "", _portal_link("")]
        if not _sent(batch[0].user, counted(len(batch), "new notification"), lines):
            break
        Notification.objects.filter(pk__in=[n.pk for n in batch]).update(emailed_at=now)
        sent += 1
    return sent


def notifications_email_pending(*, now: datetime | None = None) -> int:
    """Emails, once, the notifications of "each" users whose email did not go when they
    arrived: the task queue or the mail server was down. Beat runs it every ten minutes."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            user__is_active=True,
            user__notification_email=EmailPreference.EACH,
            created_at__lt=now - RETRY_AFTER,
            created_at__gte=now - RETRY_FOR,
        )
        .filter(SINCE_CHOSEN)
        .order_by("created_at", "id")
    )
    return notifications_email(ids=list(pending.values_list("pk", flat=True)[:500]))
