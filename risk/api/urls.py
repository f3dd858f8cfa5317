from django.urls import path

from risk.api import views

urlpatterns = [
    path("indicators/", views.IndicatorList.as_view(), name="indicator-list"),
    path("indicators/<code:code>/", views.IndicatorDetail.as_view(), name="indicator-detail"),
    path("flags/", views.FlagList.as_view(), name="flag-list"),
]
