"""IG's access-log pages, mounted at /access-log/."""

from django.urls import path

from accounts.views import ig_anomalies, ig_log

app_name = "access_log"

urlpatterns = [
    path("", ig_log.index, name="index"),
    path("entries/", ig_log.entries, name="entries"),
    path("people/", ig_log.people, name="people"),
    path("people/<int:person_id>/", ig_log.person_history, name="person_history"),
    path("people/<int:person_id>/export.csv", ig_log.person_history_csv, name="person_history_csv"),
    path("users/<int:user_id>/", ig_log.user_history, name="user_history"),
    path("anomalies/", ig_anomalies.anomaly_list, name="anomalies"),
    path("anomalies/<str:key>/review/", ig_anomalies.anomaly_review_page, name="anomaly_review"),
]
