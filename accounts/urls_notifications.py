"""A user's own notifications, mounted at /notifications/."""

from django.urls import path

from accounts.views import notifications

app_name = "notifications"

urlpatterns = [
    path("", notifications.notification_list, name="list"),
    path("read/", notifications.notifications_read, name="read"),
    path("<int:pk>/", notifications.notification_open, name="open"),
    path("settings/", notifications.notification_settings, name="settings"),
]
