from diagnosis.sessions.selectors import user_roles


def roles(request):  # type: ignore[no-untyped-def]
    user_role_set = user_roles(request.user) if hasattr(request, "user") else frozenset()
    return {"roles": user_role_set}
