from django.urls import path

from diagnosis.web.consumers import SessionConsumer

websocket_urlpatterns = [
    path("ws/sessions/<str:public_id>/", SessionConsumer.as_asgi()),
]
