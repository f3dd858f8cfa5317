from django.urls import path

from interventions.views import queue, referrals, triage

app_name = "referrals"

urlpatterns = [
    path("", referrals.referral_list, name="list"),
    path("queue/", queue.queue, name="queue"),
    path("new/<int:person_id>/", referrals.referral_new, name="new"),
    path("<int:pk>/", referrals.referral_detail, name="detail"),
    path("<int:pk>/edit/", referrals.referral_edit, name="edit"),
    path("<int:pk>/send/", referrals.referral_send_view, name="send"),
    path("<int:pk>/add/", referrals.referral_add, name="add"),
    path("<int:pk>/triage/", triage.referral_triage, name="triage"),
    path("<int:pk>/allocate/", triage.referral_allocate, name="allocate"),
]
