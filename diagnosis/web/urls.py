from django.urls import path

from diagnosis.web import audit_views, benchmark_views, distill_views, review_views, tokens, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("account/api-tokens/", tokens.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<int:token_id>/revoke/",
        tokens.api_token_revoke,
        name="api_token_revoke",
    ),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("reviews/queue/", review_views.review_queue, name="review_queue"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/start/", views.session_start, name="session_start"),
    path("sessions/<str:public_id>/", views.session_detail, name="session_detail"),
    path("sessions/<str:public_id>/events/", views.session_events, name="session_events"),
    path("sessions/<str:public_id>/pause/", views.session_pause, name="session_pause"),
    path("sessions/<str:public_id>/resume/", views.session_resume, name="session_resume"),
    path("sessions/<str:public_id>/step/", views.session_step, name="session_step"),
    path("sessions/<str:public_id>/retry/", views.turn_retry, name="turn_retry"),
    path("sessions/<str:public_id>/results/", views.live_results, name="live_results"),
    path("sessions/<str:public_id>/reviews/", review_views.session_reviews, name="session_reviews"),
    path("sessions/<str:public_id>/compare/", review_views.session_compare, name="session_compare"),
    path(
        "sessions/<str:public_id>/export.<str:fmt>",
        audit_views.session_export,
        name="session_export",
    ),
    path("audit/verify/", audit_views.verify_page, name="audit_verify"),
    path("audit/log/", audit_views.audit_log, name="audit_log"),
    path("benchmarks/", benchmark_views.benchmark_list, name="benchmark_list"),
    path("benchmarks/new/", benchmark_views.benchmark_new, name="benchmark_new"),
    path("benchmarks/compare/", benchmark_views.benchmark_compare, name="benchmark_compare"),
    path("benchmarks/<int:run_id>/", benchmark_views.benchmark_detail, name="benchmark_detail"),
    path(
        "benchmarks/<int:run_id>/resume/",
        benchmark_views.benchmark_resume,
        name="benchmark_resume",
    ),
    path(
        "benchmarks/<int:run_id>/export.<str:fmt>",
        benchmark_views.benchmark_export,
        name="benchmark_export",
    ),
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
