"""A reviewer's reading of one turn: ratings, the failure modes they see, a note.

Append-only, like the event log: the model refuses save-after-create and delete, and the database
refuses UPDATE and DELETE (a trigger, migration 0005). A reviewer who changes their mind adds a new
review of the turn; the latest one per reviewer and turn is the one shown and counted, and every
earlier one is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["FAILURE_MODES", "MACHINE_KINDS", "NOTE_MAX", "ReviewImmutableError", "TurnReview"]

NOTE_MAX = 2000

# The failure modes a reviewer can tick, in the order the form shows them.
FAILURE_MODES: dict[str, str] = {
    "ungrounded_order": "Ungrounded order",
    "unsupported_update": "Unsupported update",
    "incoherence": "Incoherence",
    "unsafe_omission": "Unsafe omission / missed can't-miss diagnosis",
    "premature_closure": "Premature closure",
}
# The ones the machine also flags (diagnosis.metrics): agreement is computed for these.
MACHINE_KINDS = ("ungrounded_order", "unsupported_update", "incoherence")


class ReviewImmutableError(Exception):
    pass


class TurnReview(models.Model):
    session = models.ForeignKey(
        "diagnosis.DiagnosticSession", on_delete=models.PROTECT, related_name="turn_reviews"
    )
    turn_index = models.PositiveIntegerField(help_text="Turn.index (0-based) of the session.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="turn_reviews"
    )
    created_at = models.DateTimeField(default=timezone.now)
    differential_rating = models.PositiveSmallIntegerField()
    # None: the turn ordered nothing (a final diagnosis), or the reviewer left it unrated.
    orders_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    ungrounded_order = models.BooleanField(default=False)
    unsupported_update = models.BooleanField(default=False)
    incoherence = models.BooleanField(default=False)
    unsafe_omission = models.BooleanField(default=False)
    premature_closure = models.BooleanField(default=False)
    note = models.CharField(max_length=NOTE_MAX, blank=True)

    class Meta:
        app_label = "diagnosis"
        ordering = ["session", "turn_index", "created_at", "id"]
        indexes = [models.Index(fields=["session", "turn_index", "author", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(differential_rating__gte=1, differential_rating__lte=5),
                name="turnreview_differential_rating_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(orders_rating__isnull=True)
                | models.Q(orders_rating__gte=1, orders_rating__lte=5),
                name="turnreview_orders_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"review of turn {self.turn_index} of {self.session_id} by {self.author_id}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise ReviewImmutableError("reviews are append-only: add a new review instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ReviewImmutableError("reviews are append-only")

    @property
    def failure_modes(self) -> dict[str, bool]:
        return {key: bool(getattr(self, key)) for key in FAILURE_MODES}
