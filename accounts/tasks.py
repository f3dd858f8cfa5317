from celery import shared_task

from accounts.services.users import end_user_sessions


@shared_task(name="accounts.end_user_sessions")
def end_user_sessions_task(user_id: int) -> int:
    return end_user_sessions(user_id=user_id)
