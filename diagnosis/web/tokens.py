"""Account → API tokens: create a personal API token (shown once, on the page that answers the
create), list your tokens, revoke one. Writes through diagnosis.accounts.tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from diagnosis.accounts import tokens

EXPIRY_CHOICES = [("", "Never"), ("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year")]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Token name",
        help_text="What will use it, e.g. “ward script” or “EHR bridge”.",
    )
    expires = forms.ChoiceField(choices=EXPIRY_CHOICES, required=False, label="Expires")


def _page(
    request: HttpRequest,
    form: TokenCreateForm,
    *,
    created: tokens.CreatedToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "tokens": tokens.tokens_of(user=request.user),
        "created": created,
    }
    return render(request, "diagnosis/account/api_tokens.html", context, status=status)


@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        days = form.cleaned_data.get("expires") or None
        try:
            created = tokens.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_in_days=int(days) if days else None,
            )
        except tokens.TokenError as exc:
            form.add_error(None, str(exc))
        else:
            # The only time the token is shown: this answer is not cached, nor redirected.
            response = _page(request, TokenCreateForm(), created=created, status=201)
            response["Cache-Control"] = "no-store"
            return response
    return _page(request, form, status=400)


@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = tokens.token_revoke(user=request.user, token_id=token_id)
    except tokens.TokenError:  # not one of yours: no hint that it exists
        raise Http404("No such token.") from None
    messages.success(request, f"Token “{token.name}” ({token.prefix}) is revoked.")
    return redirect("api_tokens")
