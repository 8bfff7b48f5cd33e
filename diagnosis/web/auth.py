"""Sign-up is closed unless MEDACTION_OPEN_SIGNUP: admins create or invite users."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class ClosedSignupAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):  # type: ignore[no-untyped-def]
        return bool(settings.MEDACTION_OPEN_SIGNUP)
