"""The Celery app. Workers: celery -A webapp worker -Q turns,batch -P threads -c 64.

Turns are I/O-bound (they wait on a model server's stream), so a thread pool holds many in
flight per process; prefork with a process per turn cannot hold 64 streams on 2 cores
(../shared/notes/stack-latency.md).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webapp.settings")

app = Celery("medaction")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
