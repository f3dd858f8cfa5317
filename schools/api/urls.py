from django.urls import path

from schools.api import views

urlpatterns = [
    path("schools/", views.SchoolList.as_view(), name="school-list"),
    path("schools/<id:pk>/", views.SchoolDetail.as_view(), name="school-detail"),
    path("young-people/", views.YoungPersonList.as_view(), name="young-person-list"),
    path("young-people/<id:pk>/", views.YoungPersonDetail.as_view(), name="young-person-detail"),
    path(
        "young-people/<id:pk>/chronology/",
        views.YoungPersonChronology.as_view(),
        name="young-person-chronology",
    ),
    path(
        "young-people/<id:pk>/break-glass/",
        views.YoungPersonBreakGlass.as_view(),
        name="young-person-break-glass",
    ),
]
