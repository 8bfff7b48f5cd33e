"""Roles are groups: clinician (own sessions), reviewer (reads all sessions, reviews), curator
(edits cases), auditor (exports). Created by migration 0002 and re-ensured after every
migrate/flush."""

from __future__ import annotations

from typing import Any

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    "clinician": [],
    "reviewer": [
        ("diagnosis", "view_case"),
        ("diagnosis", "view_testmenuitem"),
        ("diagnosis", "view_diagnosticsession"),
        ("diagnosis", "view_sessionevent"),
        ("diagnosis", "add_turnreview"),
        ("diagnosis", "view_turnreview"),
    ],
    "curator": [
        ("diagnosis", "add_case"),
        ("diagnosis", "change_case"),
        ("diagnosis", "view_case"),
        ("diagnosis", "add_testmenuitem"),
        ("diagnosis", "change_testmenuitem"),
        ("diagnosis", "delete_testmenuitem"),
        ("diagnosis", "view_testmenuitem"),
    ],
    "auditor": [
        ("diagnosis", "view_diagnosticsession"),
        ("diagnosis", "view_sessionevent"),
        ("diagnosis", "view_turnreview"),
        ("diagnosis", "view_auditlogentry"),
        ("diagnosis", "view_signedcheckpoint"),
    ],
}


def roles_ensure(group_model: Any, permission_model: Any) -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for app_label, codename in perms:
            perm = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                group.permissions.add(perm)


def roles_ensure_after_migrate(sender: Any, **kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    roles_ensure(Group, Permission)
