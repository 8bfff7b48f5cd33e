from django.conf import settings
from django.urls import path, re_path

from diagnosis.web.bench_consumer import BenchEchoConsumer
from diagnosis.web.benchmark_consumer import BenchmarkConsumer
from diagnosis.web.consumers import SessionConsumer

websocket_urlpatterns = [
    path("ws/sessions/<str:public_id>/", SessionConsumer.as_asgi()),
    path("ws/benchmarks/<int:run_id>/", BenchmarkConsumer.as_asgi()),
]

if settings.MEDACTION_BENCH_ROUTES:  # bench_inference's bare chain (off in production)
    websocket_urlpatterns.append(
        re_path(r"^ws/bench/echo/(?P<token>[A-Za-z0-9]{1,64})/$", BenchEchoConsumer.as_asgi())
    )
