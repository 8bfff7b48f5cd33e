"""The user admin: sign-in is by email, so Add user asks for one (required, not taken).

Imported by diagnosis/admin.py, which Django's admin autodiscovery loads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm


class UserCreationWithEmailForm(AdminUserCreationForm):
    """Add user with the email the user signs in with (required, not already taken)."""

    class Meta(AdminUserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "The user signs in with this address."

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Another user already signs in with this address.")
        return email


class MedActionUserAdmin(DjangoUserAdmin):
    add_form = UserCreationWithEmailForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
    )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), MedActionUserAdmin)
