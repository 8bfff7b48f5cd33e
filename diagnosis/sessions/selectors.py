"""Reads that need access control. Views, consumers and admin actions come through here."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from diagnosis.models import Case, CaseStatus, DiagnosticSession, SessionEvent

CLINICIAN, REVIEWER, CURATOR, AUDITOR = "clinician", "reviewer", "curator", "auditor"
ROLES = (CLINICIAN, REVIEWER, CURATOR, AUDITOR)

User = AbstractBaseUser | AnonymousUser


def user_roles(user: User) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_medaction_roles", None)
    if cached is None:
        if getattr(user, "is_superuser", False):
            cached = frozenset(ROLES)
        else:
            cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))  # type: ignore[union-attr,attr-defined]
        user._medaction_roles = cached  # type: ignore[union-attr,attr-defined]
    return cached


def can_start_sessions(user: User) -> bool:
    return CLINICIAN in user_roles(user)


def can_read_all_sessions(user: User) -> bool:
    return bool(user_roles(user) & {REVIEWER, AUDITOR})


def can_see_hidden_case_content(user: User) -> bool:
    return bool(user_roles(user) & {CURATOR, REVIEWER})


def sessions_visible_to(user: User) -> QuerySet[DiagnosticSession]:
    if not user.is_authenticated:
        return DiagnosticSession.objects.none()
    if can_read_all_sessions(user):
        return DiagnosticSession.objects.all()
    return DiagnosticSession.objects.filter(owner_id=user.pk)


def sessions_of(*, user: User, case: Case | None = None) -> QuerySet[DiagnosticSession]:
    """The user's own sessions (of one case, if given), newest first: "my sessions"."""
    mine = sessions_visible_to(user).filter(owner_id=user.pk)
    return mine.filter(case=case) if case is not None else mine


def sessions_of_others(*, user: User) -> QuerySet[DiagnosticSession]:
    """Other people's sessions this user may read (reviewers and auditors), else none."""
    if not can_read_all_sessions(user):
        return DiagnosticSession.objects.none()
    return sessions_visible_to(user).exclude(owner_id=user.pk)


def session_get_for_user(*, public_id: uuid.UUID | str, user: User) -> DiagnosticSession | None:
    """The session if this user may read it, else None (callers answer 404: no hint it exists)."""
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return (
        sessions_visible_to(user)
        .select_related("owner", "case")
        .filter(public_id=public_id)
        .first()
    )


def session_get_for_owner(*, public_id: uuid.UUID | str, user: User) -> DiagnosticSession | None:
    """The session if this user may act on it (its owner), else None."""
    session = session_get_for_user(public_id=public_id, user=user)
    if session is None or session.owner_id != user.pk:
        return None
    return session


class NotTheOwner(Exception):
    """The user may read the session but not act on it (callers answer 403)."""


def session_get_to_act(*, public_id: uuid.UUID | str, user: User) -> DiagnosticSession | None:
    """The session if this user may act on it (its owner); None if the user may not even read
    it (callers answer 404: no hint it exists); NotTheOwner if they may only read it. Readers who
    are not the owner learn nothing more than that."""
    session = session_get_for_user(public_id=public_id, user=user)
    if session is None:
        return None
    if session.owner_id != user.pk:
        raise NotTheOwner("Only the session's owner can act on it.")
    return session


def cases_visible_to(user: User) -> QuerySet[Case]:
    if not user.is_authenticated:
        return Case.objects.none()
    if user_roles(user) & {CURATOR, REVIEWER}:
        return Case.objects.all()
    return Case.objects.filter(status=CaseStatus.PUBLISHED)


def cases_search(
    *, user: User, query: str = "", dataset: str = "", status: str = ""
) -> QuerySet[Case]:
    """The case library's search: cases this user may see, matching words of the title,
    presentation or demographics. The gold diagnosis is hidden content: its words match only
    for those who may see it, and so does the status filter (everyone else sees published
    cases only)."""
    cases = cases_visible_to(user)
    hidden_too = can_see_hidden_case_content(user)
    query = query.strip()
    if query:
        match = (
            Q(title__icontains=query)
            | Q(initial_presentation__icontains=query)
            | Q(demographics__icontains=query)
        )
        if hidden_too:
            match |= Q(gold_diagnosis__icontains=query)
        cases = cases.filter(match)
    if dataset:
        cases = cases.filter(source_dataset=dataset)
    if status and hidden_too:
        cases = cases.filter(status=status)
    return cases


def case_datasets(*, user: User) -> list[str]:
    """The sources of the cases this user may see (the case library's source filter)."""
    visible = cases_visible_to(user).order_by("source_dataset")
    return list(visible.values_list("source_dataset", flat=True).distinct())


def case_get_for_user(*, case_id: int | str, user: User) -> Case | None:
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        return None
    return cases_visible_to(user).filter(pk=pk).first()


def events_after(
    *, session: DiagnosticSession, seq: int, limit: int | None = None
) -> list[SessionEvent]:
    qs = SessionEvent.objects.filter(session=session, seq__gt=seq).order_by("seq")
    if limit is not None:
        qs = qs[:limit]
    return list(qs)
