from django.urls import path

from diagnosis.web.benchmark_consumer import BenchmarkConsumer
from diagnosis.web.consumers import SessionConsumer

websocket_urlpatterns = [
    path("ws/sessions/<str:public_id>/", SessionConsumer.as_asgi()),
    path("ws/benchmarks/<int:run_id>/", BenchmarkConsumer.as_asgi()),
]
