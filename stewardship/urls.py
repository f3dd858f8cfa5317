from django.urls import path

from stewardship.views import health, retention

app_name = "stewardship"

urlpatterns = [
    path("feed-health/", health.index, name="health"),
    path("feed-health/<str:code>/", health.feed_detail, name="health_feed"),
    path("retention/", retention.index, name="retention"),
    path("retention/runs/<int:run_id>/", retention.run_report, name="retention_run"),
    path("retention/holds/new/", retention.hold_new, name="hold_new"),
    path("retention/holds/<int:hold_id>/release/", retention.hold_release, name="hold_release"),
]
