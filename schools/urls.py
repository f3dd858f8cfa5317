from django.urls import path

from schools.views import break_glass, young_people

urlpatterns = [
    path("", young_people.young_person_list, name="young_person_list"),
    path("<int:pk>/", young_people.young_person_detail, name="young_person_detail"),
    path("<int:pk>/break-glass/", break_glass.young_person_break_glass, name="young_person_break_glass"),
]
