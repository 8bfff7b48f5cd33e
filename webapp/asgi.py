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


def _start_turn_sweeper() -> None:
    """A web server that runs turns itself (in-process dispatch) also takes over the turns that a
    previous run of it left `running` when it was killed (their lease ran out)."""
    from django.conf import settings

    if settings.MEDACTION_DISPATCHER == "inference.dispatch.InProcessDispatcher":
        from inference.dispatch import start_sweeper

        start_sweeper()


_start_turn_sweeper()

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
