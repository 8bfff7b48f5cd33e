from django.urls import path

from diagnosis.web import distill_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/start/", views.session_start, name="session_start"),
    path("sessions/<str:public_id>/", views.session_detail, name="session_detail"),
    path("sessions/<str:public_id>/events/", views.session_events, name="session_events"),
    path("sessions/<str:public_id>/pause/", views.session_pause, name="session_pause"),
    path("sessions/<str:public_id>/resume/", views.session_resume, name="session_resume"),
    path("sessions/<str:public_id>/step/", views.session_step, name="session_step"),
    path("sessions/<str:public_id>/retry/", views.turn_retry, name="turn_retry"),
    path("sessions/<str:public_id>/results/", views.live_results, name="live_results"),
    path("distill/", distill_views.distill_list, name="distill_list"),
    path("distill/start/", distill_views.distill_start, name="distill_start"),
    path("distill/<str:public_id>/", distill_views.distill_run, name="distill_run"),
    path(
        "distill/<str:public_id>/trees/<int:position>/",
        distill_views.distill_tree,
        name="distill_tree",
    ),
    path(
        "distill/<str:public_id>/trees/<int:position>/nodes/<str:node>/",
        distill_views.distill_node,
        name="distill_node",
    ),
]
