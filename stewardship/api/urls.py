from django.urls import path

from stewardship.api import views

urlpatterns = [
    path("feed-health/", views.FeedHealthList.as_view(), name="feed-health-list"),
    path("feed-health/<code:code>/", views.FeedHealthDetail.as_view(), name="feed-health-detail"),
]
