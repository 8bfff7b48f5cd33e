from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "diagnosis"
    verbose_name = "Diagnosis"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from diagnosis.accounts.roles import roles_ensure_after_migrate

        # Also after a flush (which emits post_migrate), so the role groups always exist.
        post_migrate.connect(roles_ensure_after_migrate, sender=self)

        from diagnosis.web.access import connect_signals

        connect_signals()  # open WebSockets follow role changes and sign-outs

        from diagnosis.audit.checkpoints import connect_signals as audit_signals

        audit_signals()  # chain heads signed when a session ends and every N events
