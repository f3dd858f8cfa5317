from django.urls import path

from chronology.views import doubts, imports, register, review, timeline

app_name = "chronology"

urlpatterns = [
    path("feeds/", imports.index, name="index"),
    path("feeds/imports/", imports.runs, name="runs"),
    path("feeds/<str:code>/upload/", imports.upload, name="upload"),
    path("feeds/runs/<int:run_id>/", imports.run_detail, name="run"),
    path("feeds/runs/<int:run_id>/again/", imports.run_again, name="run_again"),
    path("feeds/runs/<int:run_id>/rejected.csv", imports.rejected_csv, name="rejected_csv"),
    path("feed-register/", register.register, name="register"),
    path("feed-register/<str:code>/", register.register_edit, name="register_edit"),
    path("review-queue/", review.queue, name="review_queue"),
    path("review-queue/find/", review.find, name="find_person"),
    path("review-queue/<int:review_id>/", review.review_detail, name="review"),
    path("review-queue/people/<int:person_id>/", review.person_records, name="person_records"),
    path("review-queue/reported-links/<int:doubt_id>/", doubts.doubt_detail, name="doubt"),
    path("young-people/<int:pk>/chronology/", timeline.page, name="timeline"),
    path("young-people/<int:pk>/chronology/print/", timeline.print_view, name="timeline_print"),
    path("young-people/<int:pk>/chronology/chronology.csv", timeline.csv_export, name="timeline_csv"),
    path("young-people/<int:pk>/chronology/report/<int:event_id>/", doubts.report, name="timeline_report"),
]
