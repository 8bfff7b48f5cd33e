"""Create the demo login (printing its password once) and load the shipped demo cases."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_EMAIL = "demo@medaction.local"


class Command(BaseCommand):
    help = "Create the demo user (clinician, reviewer, curator, auditor) and load the demo cases."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give the demo user a new password and print it.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(username="demo").first()
            password = None
            if user is None:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    username="demo", email=DEMO_EMAIL, password=password, is_staff=True
                )
                user.groups.set(
                    Group.objects.filter(name__in=["clinician", "reviewer", "curator", "auditor"])
                )
                self._verified_email(user)
            elif options["reset_password"]:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
        try:
            call_command("load_demo_cases", verbosity=0)
        except Exception as exc:  # the command comes with the case library; say so if it is missing
            self.stderr.write(f"Demo cases not loaded: {exc}")
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"\nDemo login (shown once): {DEMO_EMAIL}  password: {password}\n"
                    "Forgot it? make run prints nothing more; "
                    "run `.venv/bin/python manage.py demo_setup --reset-password`.\n"
                )
            )
        else:
            self.stdout.write(
                f"Demo login: {DEMO_EMAIL} "
                "(password printed at first run; --reset-password makes a new one)"
            )

    @staticmethod
    def _verified_email(user):  # type: ignore[no-untyped-def]
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
