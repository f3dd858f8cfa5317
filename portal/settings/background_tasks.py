"""Celery, its schedule and the feed-import timings its tasks use; imported by base.py."""

from celery.schedules import crontab

from portal.settings.environment import env

# Celery: Redis when configured; otherwise tasks run eagerly in-process (demo).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Celery still prepares a producer for an eager task. With no broker named, kombu falls
# back to an AMQP server on localhost and warns about it on every import; kombu's
# in-process transport, named with its host, is what eager tasks stand for.
EAGER_BROKER_URL = "memory://localhost/"
CELERY_BROKER_URL = CELERY_BROKER_URL or EAGER_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis gives a task that is not acknowledged within the visibility timeout (its default
# is one hour) to another worker. Imports are acknowledged when they end, so this must be
# well above the longest import; a task whose whole worker machine was lost waits this
# long to be redelivered (the run page says it failed long before, see below).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.positive_int("CELERY_VISIBILITY_TIMEOUT", default=12 * 3600)
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# An unfinished import that has shown no sign of life for this long, and holds no lock,
# was lost: its run is sent to the queue again or marked failed
# (chronology.services.stale_runs).
FEED_RUN_STALE_MINUTES = env.positive_int("FEED_RUN_STALE_MINUTES", default=10)

# Feed health (stewardship): a feed is overdue this long after its cadence has passed.
FEED_OVERDUE_GRACE_HOURS = env.non_negative_int("FEED_OVERDUE_GRACE_HOURS", default=24)

CELERY_BEAT_SCHEDULE = {
    "seal-access-log": {"task": "accounts.seal_access_log", "schedule": 30.0},
    "summarise-access-anomalies": {"task": "accounts.summarise_access_anomalies", "schedule": 300.0},
    "check-access-anomaly-summary": {
        "task": "accounts.summarise_access_anomalies",
        "schedule": crontab(hour=3, minute=15),
        "kwargs": {"check_all": True},
    },
    "look-after-lost-feed-runs": {"task": "chronology.look_after_lost_runs", "schedule": 300.0},
    "compute-trigger-points": {"task": "risk.compute_all_flags", "schedule": crontab(hour=2, minute=30)},
    "email-pending-notifications": {"task": "accounts.email_pending_notifications", "schedule": 600.0},
    "notification-digests": {
        "task": "accounts.send_notification_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "feed-health-alerts": {"task": "stewardship.feed_health_alerts", "schedule": crontab(hour=6, minute=30)},
    "apply-retention": {"task": "stewardship.apply_retention", "schedule": crontab(hour=2, minute=15)},
    # Before the digest, so that workers hear of the reviews due that morning.
    "interventions-due-reviews": {
        "task": "interventions.measure_due_reviews",
        "schedule": crontab(hour=6, minute=30),
    },
}
