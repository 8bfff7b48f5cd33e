"""System checks: model profiles must load, and the default profile must exist, before serving."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def model_profiles_load(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    if not settings.VLLM_ENDPOINTS:
        return []
    from inference.serving.profiles import all_profiles

    try:
        profiles = all_profiles()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="medaction.E101")]
    if settings.VLLM_PROFILE not in profiles:
        return [
            Error(
                f"VLLM_PROFILE={settings.VLLM_PROFILE!r} is not a model profile; "
                f"known: {', '.join(sorted(profiles))}",
                id="medaction.E102",
            )
        ]
    return []
