from django.urls import path

from risk.views import library, review

app_name = "risk"

urlpatterns = [
    path("trigger-points/review/", review.queue, name="review_queue"),
    path("trigger-points/flags/<int:pk>/dismiss/", review.dismiss, name="flag_dismiss"),
    path("trigger-points/flags/<int:pk>/confirm/", review.confirm, name="flag_confirm"),
    path("trigger-points/indicators/", library.indicators, name="indicators"),
    path("trigger-points/indicators/new/", library.indicator_new, name="indicator_new"),
    path("trigger-points/indicators/<str:code>/", library.indicator_detail, name="indicator"),
    path("trigger-points/indicators/<str:code>/edit/", library.indicator_edit, name="indicator_edit"),
    path("trigger-points/indicators/<str:code>/switch/", library.indicator_switch, name="indicator_switch"),
    path("trigger-points/switch/", library.portal_switch, name="portal_switch"),
    path("trigger-points/outcomes/", library.outcomes, name="outcomes"),
]
