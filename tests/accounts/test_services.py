"""Users made by commands and jobs (the evaluation user, the bench's clinician) come from one
service."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from diagnosis.accounts.services import user_ensure
from diagnosis.sessions.selectors import can_start_sessions, user_roles

pytestmark = pytest.mark.django_db


def test_a_new_user_gets_its_roles_and_no_usable_password():
    user = user_ensure(username="bench", email="bench@example.invalid", roles=["clinician"])
    assert user.email == "bench@example.invalid"
    assert not user.has_usable_password()  # a machine account: nobody signs in as it
    assert can_start_sessions(get_user_model().objects.get(pk=user.pk))


def test_ensuring_again_keeps_the_user_its_password_and_its_other_roles():
    first = user_ensure(username="bench", roles=["clinician"])
    first.set_password("a-password-someone-set")
    first.save()
    again = user_ensure(username="bench", roles=["reviewer"])
    assert again.pk == first.pk
    assert again.check_password("a-password-someone-set")
    fresh = get_user_model().objects.get(pk=first.pk)
    assert user_roles(fresh) == {"clinician", "reviewer"}
    assert get_user_model().objects.filter(username="bench").count() == 1


def test_an_unknown_role_is_refused_and_creates_nobody():
    with pytest.raises(ValueError, match="superhero"):
        user_ensure(username="bench", roles=["superhero"])
    assert not get_user_model().objects.filter(username="bench").exists()
