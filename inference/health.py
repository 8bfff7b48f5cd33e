"""The model servers' health for the admin's page (settings.MEDACTION_HEALTH_PROVIDER names
health_report; diagnosis/web renders what it returns and never imports inference/).

Each call probes every configured endpoint now (GET /v1/models, then /metrics; bounded by
VLLM_CONNECT_TIMEOUT) through this process's pool, then reports the pool's state. A server that
does not answer is reported unhealthy with the error: the report itself does not fail.
"""

from __future__ import annotations

import logging

from django.conf import settings

from inference.serving.pool import get_pool
from inference.serving.pool_report import HealthReport, pool_report

log = logging.getLogger(__name__)


def health_report() -> HealthReport:
    if not settings.VLLM_ENDPOINTS:
        return HealthReport(configured=False)
    pool = get_pool()
    probe_error = ""
    try:
        pool.check_health()
    except Exception as exc:  # a probe that hangs past its bound: show the last known state
        log.warning("probing the model servers failed", exc_info=True)
        probe_error = f"The probe did not finish ({type(exc).__name__}: {exc})."
    return pool_report(pool.snapshot(), probe_error=probe_error)
