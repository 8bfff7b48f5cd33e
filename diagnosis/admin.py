"""Admin: case curation (filters, search, inline menu, turn-0 preview beside what stays hidden,
publish/unpublish, edit history), the price table, and read-only sessions and events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from diagnosis.cases.services import case_edit, case_publish
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


class TestMenuItemInline(admin.TabularInline):
    model = TestMenuItem
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

    @admin.action(description="Publish selected cases")
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        for case in queryset:
            case_publish(case=case, publish=True)
        self.message_user(request, f"Published {queryset.count()} case(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected cases (back to draft)")
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
        return not CostPolicy.objects.exists()

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


# --- users: sign-in is by email, so Add user asks for one ---------------------------------------

from django import forms  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin  # noqa: E402
from django.contrib.auth.forms import AdminUserCreationForm  # noqa: E402


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
