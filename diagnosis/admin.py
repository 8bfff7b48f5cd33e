"""Admin: case curation (filters, search, inline menu, turn-0 preview beside what stays hidden,
publish/unpublish, edit history), the price table, and read-only sessions and events.

A case and its menu items are checked by the native case schema (the importers' one validator)
before anything is saved, so a case saved here always exports and re-imports; a bad value is a
message on its field. Publishing needs the permission to change cases."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from diagnosis.cases.schema import MAX_DEPTH, too_deep
from diagnosis.cases.services import (
    CASE_FIELD_OF,
    MENU_ITEM_FIELDS,
    case_edit,
    case_field_errors,
    case_publish,
    menu_item_errors,
)
from diagnosis.cases.snapshots import case_snapshot, turn0_view
from diagnosis.models import (
    Case,
    CaseVersion,
    CostPolicy,
    DiagnosticSession,
    SessionEvent,
    TestMenuItem,
    TestPrice,
    Turn,
)

# Admin sign-in goes through allauth, so MFA applies there too.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large a JSON number")
    return number


class StrictJSONField(forms.JSONField):
    """JSON as JSON defines it: NaN and Infinity, or nesting past MAX_DEPTH, are a field error
    (Django's field lets them through to the database, or dies of RecursionError)."""

    default_error_messages = {
        "invalid": "Enter valid JSON.",
        "deep": f"Nested too deeply (over {MAX_DEPTH} levels).",
    }

    def to_python(self, value: Any) -> Any:
        if self.disabled or value in self.empty_values or not isinstance(value, str):
            return super().to_python(value)
        try:
            converted = json.loads(value, parse_constant=_refuse_constant, parse_float=_finite)
        except RecursionError:
            raise ValidationError(self.error_messages["deep"], code="deep") from None
        except ValueError as exc:  # JSONDecodeError is a ValueError
            message = str(exc) if "JSON number" in str(exc) else self.error_messages["invalid"]
            raise ValidationError(message, code="invalid") from None
        if too_deep(converted):
            raise ValidationError(self.error_messages["deep"], code="deep")
        if isinstance(converted, str):
            return forms.fields.JSONString(converted)
        return converted

    def bound_data(self, data: Any, initial: Any) -> Any:
        try:
            return super().bound_data(data, initial)
        except (RecursionError, ValueError):
            return forms.fields.InvalidJSONInput(data)


def _add_schema_errors(form: forms.BaseForm, errors: dict[str, list[str]]) -> None:
    for field, messages_ in errors.items():
        if field == "__all__" or field not in form.fields:
            form.add_error(None, "; ".join(messages_))
        elif field not in form.errors:  # its own field check already said what is wrong
            form.add_error(field, messages_)


class CaseAdminForm(forms.ModelForm):
    """The case row, checked by the native schema (menu items are checked by their own form)."""

    class Meta:
        model = Case
        fields = ["status", *CASE_FIELD_OF.values()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        content = {
            name: data[name] if name in data else getattr(self.instance, name)
            for name in CASE_FIELD_OF.values()
        }
        _add_schema_errors(self, case_field_errors(content))
        return data


class TestMenuItemForm(forms.ModelForm):
    """One menu item, checked as the native schema's MenuItem."""

    class Meta:
        model = TestMenuItem
        fields = ["position", "category", "panel", "name", "aliases", "result", "cost"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("DELETE") or (self.instance.pk is None and not self.has_changed()):
            return data  # a deleted row, or the blank extra row
        item = {
            name: data[name] if name in data else getattr(self.instance, name)
            for name in MENU_ITEM_FIELDS
        }
        _add_schema_errors(self, menu_item_errors(item))
        return data


class TestMenuItemFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk is not None
            if not (self.can_delete and self._should_delete_form(f))  # type: ignore[attr-defined]
        ]
        if len(kept) > 300:
            raise ValidationError("A case has at most 300 menu items.")


JSON_FIELDS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.JSONField: {"form_class": StrictJSONField}
}


class TestMenuItemInline(admin.TabularInline):
    model = TestMenuItem
    form = TestMenuItemForm
    formset = TestMenuItemFormSet
    formfield_overrides = JSON_FIELDS
    extra = 1
    fields = ("position", "category", "panel", "name", "aliases", "result", "cost")


class CaseVersionInline(admin.TabularInline):
    model = CaseVersion
    extra = 0
    can_delete = False
    fields = ("version", "created_at", "edited_by", "note")
    readonly_fields = fields
    verbose_name_plural = (
        "Edit history (every saved edit is a version; sessions record the one they ran on)"
    )

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class HasTestsFilter(admin.SimpleListFilter):
    title = "has tests"
    parameter_name = "has_tests"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("yes", "Yes"), ("no", "No test menu")]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() == "yes":
            return queryset.filter(menu_count__gt=0)
        if self.value() == "no":
            return queryset.filter(menu_count=0)
        return queryset


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "source_dataset",
        "source_id",
        "status",
        "version",
        "menu_size",
        "updated_at",
    )
    list_filter = ("source_dataset", "status", HasTestsFilter)
    search_fields = ("title", "source_id", "gold_diagnosis", "initial_presentation")
    form = CaseAdminForm
    formfield_overrides = JSON_FIELDS
    inlines = [TestMenuItemInline, CaseVersionInline]
    readonly_fields = ("version", "created_at", "updated_at", "turn0_preview", "hidden_preview")
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ("title", "status", "version")}),
        (
            "What the policy sees at turn 0 | what stays hidden",
            {"fields": ("turn0_preview", "hidden_preview")},
        ),
        (
            "Case content",
            {
                "fields": (
                    "demographics",
                    "initial_presentation",
                    "history",
                    "gold_diagnosis",
                    "gold_aliases",
                    "gold_codes",
                    "reference_differential",
                )
            },
        ),
        (
            "Source",
            {
                "fields": (
                    "source_dataset",
                    "source_id",
                    "source_url",
                    "licence",
                    "references",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return super().get_queryset(request).annotate(menu_count=Count("menu_items"))

    @admin.display(description="tests", ordering="menu_count")
    def menu_size(self, obj: Case) -> int:
        return getattr(obj, "menu_count", obj.menu_items.count())

    @admin.display(description="Seen at turn 0")
    def turn0_preview(self, obj: Case) -> str:
        if obj.pk is None:
            return "—"
        seen = turn0_view(case_snapshot(obj))
        history = format_html_join(
            "", "<li><b>{}</b> {}</li>", ((h.question, h.answer) for h in seen.history)
        )
        return format_html(
            "<div><p><b>{}</b></p><p>{}</p><ul>{}</ul></div>",
            seen.demographics,
            seen.initial_presentation,
            history,
        )

    @admin.display(description="Hidden (menu and gold)")
    def hidden_preview(self, obj: Case) -> str:
        if obj.pk is None:
            return "—"
        snap = case_snapshot(obj)
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((m.category, m.panel, m.name, m.result[:200]) for m in snap.menu),
        )
        return format_html(
            "<div><p>Gold: <b>{}</b></p><table><tr><th>Category</th><th>Panel</th><th>Test</th>"
            "<th>Result</th></tr>{}</table></div>",
            snap.gold_name,
            rows,
        )

    def save_model(self, request: HttpRequest, obj: Case, form: Any, change: bool) -> None:
        """Saved in save_related, with its inline menu, through the case service."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        def write(case: Case) -> None:
            admin.ModelAdmin.save_model(self, request, case, form, change)
            admin.ModelAdmin.save_related(self, request, form, formsets, change)

        case_edit(case=form.instance, write=write, edited_by=request.user)

    @admin.action(description="Publish selected cases", permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        for case in queryset:
            case_publish(case=case, publish=True)
        self.message_user(request, f"Published {queryset.count()} case(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected cases (back to draft)", permissions=["change"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        for case in queryset:
            case_publish(case=case, publish=False)
        self.message_user(request, f"Unpublished {queryset.count()} case(s).", messages.SUCCESS)


@admin.register(TestPrice)
class TestPriceAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "code", "price", "source", "updated_at")
    list_editable = ("price",)
    list_filter = ("category",)
    search_fields = ("name", "code", "aliases")


@admin.register(CostPolicy)
class CostPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "default_test_price", "currency", "updated_at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # One cost policy at most, and only for someone allowed to add one.
        return super().has_add_permission(request) and not CostPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class TurnInline(admin.TabularInline):
    model = Turn
    extra = 0
    can_delete = False
    fields = (
        "index",
        "status",
        "attempts",
        "model_name",
        "prompt_tokens",
        "completion_tokens",
        "latency_ms",
        "cost",
        "error",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(DiagnosticSession)
class DiagnosticSessionAdmin(ReadOnlyAdmin):
    list_display = (
        "title",
        "owner",
        "mode",
        "policy",
        "status",
        "case",
        "case_version",
        "final_diagnosis",
        "total_cost",
        "created_at",
    )
    list_filter = ("status", "mode", "policy")
    search_fields = ("title", "public_id", "owner__email")
    inlines = [TurnInline]


@admin.register(SessionEvent)
class SessionEventAdmin(ReadOnlyAdmin):
    list_display = ("session", "seq", "kind", "created_at", "hash")
    list_filter = ("kind",)
    search_fields = ("session__public_id",)


# Users: sign-in is by email, so Add user asks for one (diagnosis/accounts/admin.py).
from diagnosis.accounts import admin as _accounts_admin  # noqa: E402, F401

# The audit log and signed checkpoints, read-only (diagnosis/audit/admin.py).
from diagnosis.audit import admin as _audit_admin  # noqa: E402, F401
