from django.urls import path

from interventions.views import interventions, scorecards, session_corrections, sessions

app_name = "interventions"

urlpatterns = [
    path("", interventions.intervention_list, name="list"),
    path("group-session/", sessions.group_session, name="group_session"),
    path("scorecards/", scorecards.scorecard_page, name="scorecards"),
    path("scorecards/csv/", scorecards.scorecard_csv, name="scorecards_csv"),
    path("scorecards/pseudonymised.csv", scorecards.analysts_csv, name="analysts_csv"),
    path("<int:pk>/", interventions.intervention_detail, name="detail"),
    path("<int:pk>/worker/", interventions.intervention_worker, name="worker"),
    path("<int:pk>/session/", sessions.session_new, name="session"),
    path("<int:pk>/sessions/<int:sid>/", session_corrections.session_detail, name="session_detail"),
    path(
        "<int:pk>/sessions/<int:sid>/withdraw/",
        session_corrections.session_withdraw_view,
        name="session_withdraw",
    ),
    path("<int:pk>/review/", interventions.intervention_review_view, name="review"),
    path("<int:pk>/close/", interventions.intervention_close_view, name="close"),
]
