"""Deploy checks: production must not run on the embedded backends or the default secret."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def medaction_production_backends(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    if settings.DEBUG:
        return []
    errors = []
    if settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer":
        errors.append(
            Error(
                "DEBUG=False with the in-process channel layer: set REDIS_URL.", id="medaction.E001"
            )
        )
    if settings.MEDACTION_DISPATCHER.endswith("InProcessDispatcher"):
        errors.append(
            Error(
                "DEBUG=False with in-process turn dispatch: set MEDACTION_DISPATCH=celery.",
                id="medaction.E002",
            )
        )
    if settings.SECRET_KEY == settings.INSECURE_DEFAULT_SECRET_KEY:
        errors.append(
            Error(
                "DEBUG=False with the default SECRET_KEY: set SECRET_KEY or SECRET_KEY_FILE.",
                id="medaction.E003",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(
            Error("DEBUG=False on SQLite: set DATABASE_URL to PostgreSQL.", id="medaction.E004")
        )
    return errors
