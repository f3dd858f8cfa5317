from django.urls import path

from chronology.api import views

urlpatterns = [
    path("feeds/", views.FeedList.as_view(), name="feed-list"),
    path("feeds/<code:code>/runs/", views.FeedRunCreate.as_view(), name="feed-run-create"),
    path("feed-runs/", views.FeedRunList.as_view(), name="feed-run-list"),
    path("feed-runs/<id:pk>/", views.FeedRunDetail.as_view(), name="feed-run-detail"),
]
