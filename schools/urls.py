from django.urls import path

from schools import views

urlpatterns = [
    path("", views.young_person_list, name="young_person_list"),
    path("<int:pk>/", views.young_person_detail, name="young_person_detail"),
    path("<int:pk>/break-glass/", views.young_person_break_glass, name="young_person_break_glass"),
]
