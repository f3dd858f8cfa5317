from django.urls import path

from accounts.api import access_log, views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("access-log/", access_log.AccessLogList.as_view(), name="access-log-list"),
    path("young-people/<id:pk>/access-log/", access_log.PersonAccessLog.as_view(), name="person-access-log"),
]
