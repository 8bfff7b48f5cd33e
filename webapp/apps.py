"""The project as an app of its own, so it can register its deploy checks (webapp/checks.py)
without the domain app importing the project."""

from django.apps import AppConfig


class WebappConfig(AppConfig):
    name = "webapp"
    verbose_name = "MedAction project"

    def ready(self) -> None:
        from webapp import checks  # noqa: F401  (registers the deploy checks)
