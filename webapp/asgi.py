"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webapp.settings")
django_asgi_app = get_asgi_application()  # before anything imports models

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from diagnosis.web.middleware import daphne_answer_overlong_lines  # noqa: E402
from diagnosis.web.routing import websocket_urlpatterns  # noqa: E402

daphne_answer_overlong_lines()  # a request line over Twisted's 16 KB limit gets a 414, not a drop

application = ProtocolTypeRouter(
    {
        # `python -m daphne` serves no static files by itself (only runserver does): serve CSS/JS
        # here so the embedded app works; a front proxy that serves /static/ never reaches this.
        "http": ASGIStaticFilesHandler(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
