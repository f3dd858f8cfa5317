"""The trigger-point pages for schools, the taskforce and IG: dashboard, flagged list,
city overview and fairness. Mounted at /trigger-points/ beside the engine's own pages."""

from django.urls import path

from risk.views import city, dashboard, fairness, flagged_list

app_name = "trigger_points"

urlpatterns = [
    path("school/", dashboard.dashboard, name="dashboard"),
    path("pupils/", flagged_list.flagged_list, name="flagged"),
    path("pupils/print/", flagged_list.flagged_print, name="flagged_print"),
    path("pupils/flagged-pupils.csv", flagged_list.flagged_csv, name="flagged_csv"),
    path("city/", city.city_overview_page, name="city"),
    path("fairness/", fairness.fairness, name="fairness"),
    path("fairness/needs-assessment.csv", fairness.needs_assessment_csv, name="needs_assessment_csv"),
]
