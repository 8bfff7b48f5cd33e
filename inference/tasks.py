"""Celery tasks: thin. They take ids (JSON only), load, and call a service."""

from __future__ import annotations

import logging

from celery import shared_task

from diagnosis.runner import turn_run

log = logging.getLogger(__name__)


@shared_task(name="medaction.generate_turn", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def generate_turn(turn_id: int) -> str:
    """Run one turn. The claim inside turn_run makes redelivery harmless."""
    outcome = turn_run(int(turn_id))
    log.info("turn %s: %s", turn_id, outcome)
    return outcome
