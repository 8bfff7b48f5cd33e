from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_required

from diagnosis.models import Case, DiagnosticSession, SessionEvent, TestMenuItem, Turn

# Admin sign-in goes through allauth, so MFA applies there too.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]


class TestMenuItemInline(admin.TabularInline):
    model = TestMenuItem
    extra = 1
    fields = ("position", "category", "name", "aliases", "result", "cost")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("title", "source_dataset", "source_id", "status", "version", "updated_at")
    list_filter = ("status", "source_dataset")
    search_fields = ("title", "source_id", "gold_diagnosis", "initial_presentation")
    inlines = [TestMenuItemInline]
    readonly_fields = ("version", "created_at", "updated_at")


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
    fields = ("index", "status", "attempts", "model_name", "prompt_tokens", "completion_tokens", "latency_ms", "cost", "error")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(DiagnosticSession)
class DiagnosticSessionAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "mode", "policy", "status", "final_diagnosis", "total_cost", "created_at")
    list_filter = ("status", "mode", "policy")
    search_fields = ("title", "public_id", "owner__email")
    inlines = [TurnInline]


@admin.register(SessionEvent)
class SessionEventAdmin(ReadOnlyAdmin):
    list_display = ("session", "seq", "kind", "created_at", "hash")
    list_filter = ("kind",)
    search_fields = ("session__public_id",)
