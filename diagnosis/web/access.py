"""Access that follows the user into open WebSockets.

Every session socket also joins its user's group (user_group). When something that decides access
changes — the user's roles (group membership, from either side), the account itself (saved or
deleted: is_active, is_superuser) or a sign-out — a "revoke" goes to that group once the change is
committed. Each socket then checks again, with the same selector the page uses, whether its
sign-in still holds and its user may still read its session, and closes with CLOSE_REVOKED if not.
The check runs in the socket, so the message carries no decision: a change that keeps access keeps
the socket streaming.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from diagnosis.sessions import publish

log = logging.getLogger(__name__)

CLOSE_REVOKED = 4403
REVOKE = "access.revoke"


def user_group(user_id: Any) -> str:
    return f"user.{user_id}"


def send_revoke(user_ids: Any, *, session_key: str = "") -> None:
    """Tell the user's sockets to check their access again (now; callers wait for the commit)."""
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": REVOKE, "session_key": session_key}
    try:
        running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:  # called from sync code, as Django's signals usually are
        running = None
    for user_id in user_ids:
        group = user_group(user_id)
        try:
            if isinstance(layer, InMemoryChannelLayer):
                if not layer.groups.get(group):
                    continue  # no socket of this user in this process
                loop = publish.server_loop()  # the loop the consumers run on
                if loop is None:
                    continue
                if running is loop:
                    loop.create_task(layer.group_send(group, message))
                else:
                    asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
            else:
                if running is not None:  # called from async code: async_to_sync would refuse
                    running.create_task(layer.group_send(group, message))
                else:
                    async_to_sync(layer.group_send)(group, message)
        except Exception:  # a lost revoke must not fail the change that caused it
            log.exception("sending a revoke to %s failed", group)


def _after_commit(user_ids: Any, session_key: str = "") -> None:
    ids = [uid for uid in user_ids if uid is not None]
    if ids:
        transaction.on_commit(lambda: send_revoke(ids, session_key=session_key))


def _on_groups_changed(
    sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if action == "pre_clear" and reverse:  # group.user_set.clear(): who is in it, before
        _after_commit(list(instance.user_set.values_list("pk", flat=True)))
        return
    if action == "pre_clear":
        return
    if reverse:  # group.user_set.add/remove(...): pk_set are users
        _after_commit(list(kwargs.get("pk_set") or []))
    else:  # user.groups.add/remove/clear/set
        _after_commit([instance.pk])


def _on_user_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in: nothing that decides access
    _after_commit([instance.pk])


def _on_user_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    _after_commit([instance.pk])


def _on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    session = getattr(request, "session", None)
    _after_commit([user.pk], getattr(session, "session_key", None) or "")


def connect_signals() -> None:
    user_model = get_user_model()
    m2m_changed.connect(
        _on_groups_changed, sender=user_model.groups.through, dispatch_uid="medaction-revoke-m2m"
    )
    post_save.connect(_on_user_saved, sender=user_model, dispatch_uid="medaction-revoke-save")
    post_delete.connect(_on_user_deleted, sender=user_model, dispatch_uid="medaction-revoke-del")
    user_logged_out.connect(_on_logged_out, dispatch_uid="medaction-revoke-logout")


def sign_in_holds(session_key: str | None, user: Any) -> Any:
    """The user, fresh from the database, if the sign-in behind session_key still holds (not
    signed out, the account still active); else None. Sync: call through database_sync_to_async."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.crypto import constant_time_compare
    from django.utils.module_loading import import_string

    if not session_key:
        return None
    from django.conf import settings

    store: SessionBase = import_string(settings.SESSION_ENGINE + ".SessionStore")(session_key)
    if not store.exists(session_key) or str(store.get(SESSION_KEY)) != str(user.pk):
        return None
    if store.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return None
    fresh = get_user_model()._default_manager.filter(pk=user.pk, is_active=True).first()
    if fresh is None:
        return None
    verify = getattr(fresh, "get_session_auth_hash", None)
    if verify is not None and not constant_time_compare(store.get(HASH_SESSION_KEY, ""), verify()):
        return None  # the password changed since: other sign-ins end
    return fresh
