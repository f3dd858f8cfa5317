from django.urls import path

from interventions.views import interventions, sessions

app_name = "interventions"

urlpatterns = [
    path("", interventions.intervention_list, name="list"),
    path("group-session/", sessions.group_session, name="group_session"),
    path("<int:pk>/", interventions.intervention_detail, name="detail"),
    path("<int:pk>/worker/", interventions.intervention_worker, name="worker"),
    path("<int:pk>/session/", sessions.session_new, name="session"),
    path("<int:pk>/close/", interventions.intervention_close_view, name="close"),
]
