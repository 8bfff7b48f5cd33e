"""The HTTP API (/api/v1/, django-ninja): a front end like diagnosis.web, beside it.

It parses, checks access through the same selectors as the pages, calls the same services and
answers JSON; it has no domain logic of its own. One module per resource (cases, sessions, me),
each a ninja Router that api.py mounts; every error answers one JSON shape (errors.py).
"""
