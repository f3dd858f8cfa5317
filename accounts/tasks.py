from celery import shared_task

from accounts.access_log.chain import seal_all
from accounts.services.users import end_user_sessions


@shared_task(name="accounts.end_user_sessions")
def end_user_sessions_task(user_id: int) -> int:
    return end_user_sessions(user_id=user_id)


@shared_task(name="accounts.seal_access_log")
def seal_access_log_task() -> int:
    """Links newly written access-log entries into the hash chain (beat: every 30 s)."""
    return seal_all()


@shared_task(name="accounts.email_notifications")
def email_notifications_task(notification_ids: list[int]) -> int:
    from accounts.services.notifications import notifications_email

    return notifications_email(ids=notification_ids)


@shared_task(name="accounts.email_pending_notifications")
def email_pending_notifications_task() -> int:
    """Beat: every ten minutes, the emails the task queue or the mail server let down."""
    from accounts.services.notifications import notifications_email_pending

    return notifications_email_pending()


@shared_task(name="accounts.send_notification_digests")
def send_notification_digests_task() -> int:
    """Beat: once a day, the digest for users who chose one."""
    from accounts.services.notifications import notification_digests_send

    return notification_digests_send()


@shared_task(name="accounts.summarise_access_anomalies")
def summarise_access_anomalies_task(check_all: bool = False) -> int | None:
    """Beat: every five minutes, the hours just closed (and recent hours with entries
    committed late) into the anomalies page's summary; nightly, with `check_all`, every
    hour summarised against the log, for entries removed under its retention."""
    from accounts.services.anomaly_summary import anomaly_summary_refresh

    return anomaly_summary_refresh(check_all=check_all)
