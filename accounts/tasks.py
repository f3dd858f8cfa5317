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
