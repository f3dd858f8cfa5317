from django.urls import path

from interventions.api import views_choices as choices
from interventions.api import views_interventions as interventions
from interventions.api import views_referral_actions as actions
from interventions.api import views_referrals as referrals
from interventions.api import views_sessions as sessions

urlpatterns = [
    path("referrals/", referrals.ReferralList.as_view(), name="referral-list"),
    path("referrals/<id:pk>/", referrals.ReferralDetail.as_view(), name="referral-detail"),
    path("referrals/<id:pk>/send/", actions.ReferralSend.as_view(), name="referral-send"),
    path("referrals/<id:pk>/accept/", actions.ReferralAccept.as_view(), name="referral-accept"),
    path("referrals/<id:pk>/decline/", actions.ReferralDecline.as_view(), name="referral-decline"),
    path("referrals/<id:pk>/ask/", actions.ReferralAsk.as_view(), name="referral-ask"),
    path(
        "referrals/<id:pk>/add-information/",
        actions.ReferralAddInformation.as_view(),
        name="referral-add-information",
    ),
    path("referrals/<id:pk>/allocate/", actions.ReferralAllocate.as_view(), name="referral-allocate"),
    path("programmes/", choices.ProgrammeList.as_view(), name="programme-list"),
    path("workers/", choices.WorkerList.as_view(), name="worker-list"),
    path("interventions/", interventions.InterventionList.as_view(), name="intervention-list"),
    path("interventions/<id:pk>/", interventions.InterventionDetail.as_view(), name="intervention-detail"),
    path(
        "interventions/<id:pk>/sessions/",
        interventions.InterventionSessionCreate.as_view(),
        name="intervention-session-create",
    ),
    path(
        "interventions/<id:pk>/sessions/<id:sid>/",
        sessions.SessionDetail.as_view(),
        name="intervention-session-detail",
    ),
    path(
        "interventions/<id:pk>/sessions/<id:sid>/withdraw/",
        sessions.SessionWithdraw.as_view(),
        name="intervention-session-withdraw",
    ),
    path(
        "interventions/<id:pk>/review/",
        interventions.InterventionReview.as_view(),
        name="intervention-review",
    ),
    path(
        "interventions/<id:pk>/close/", interventions.InterventionClose.as_view(), name="intervention-close"
    ),
    path(
        "interventions/<id:pk>/change-worker/",
        interventions.InterventionChangeWorker.as_view(),
        name="intervention-change-worker",
    ),
]
