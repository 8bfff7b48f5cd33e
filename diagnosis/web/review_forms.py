"""Forms of the reviewer's pages: a review of one turn, and the review queue's filters."""

from __future__ import annotations

from typing import Any

from django import forms

from diagnosis.reviews.models import FAILURE_MODES, NOTE_MAX
from diagnosis.reviews.selectors import OUTCOMES, QUEUE_FLAGS

RATINGS = [(n, str(n)) for n in range(1, 6)]


class TurnReviewForm(forms.Form):
    """Field names are shared by every turn's form; ids are made unique per turn (auto_id)."""

    turn = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    differential_rating = forms.TypedChoiceField(
        label="Differential (1 poor – 5 excellent)",
        choices=[("", "—"), *RATINGS],
        coerce=int,
    )
    orders_rating = forms.TypedChoiceField(
        label="Orders (1 poor – 5 excellent)",
        choices=[("", "— (no orders / not rated)"), *RATINGS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    failure_modes = forms.MultipleChoiceField(
        label="Failure modes you see",
        choices=list(FAILURE_MODES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # CharField refuses NUL itself (ProhibitNullCharactersValidator); the service checks again.
    note = forms.CharField(
        label="Note",
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, turn_index: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"review-{turn_index}-%s")
        kwargs.setdefault("initial", {"turn": turn_index})
        super().__init__(*args, **kwargs)
        self.turn_index = turn_index

    def first_error(self) -> str:
        for field, errors in self.errors.items():
            label = self.fields[field].label if field in self.fields else None
            return f"{label}: {errors[0]}" if label and field != "__all__" else str(errors[0])
        return "The review is not valid."


def posted_turn(data: Any) -> int | None:
    """The turn a posted review is for, or None when it is missing or not a whole number."""
    value = data.get("turn", "")
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 6 else None


class QueueFilterForm(forms.Form):
    case = forms.TypedChoiceField(label="Case", required=False, coerce=int, empty_value=None)
    policy = forms.ChoiceField(label="Policy", required=False)
    flag = forms.ChoiceField(
        label="Machine flag", required=False, choices=[("", "Any"), *QUEUE_FLAGS.items()]
    )
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "Any"), *OUTCOMES.items()]
    )
    reviewed = forms.BooleanField(label="Show reviewed sessions too", required=False)

    def __init__(
        self,
        *args: Any,
        cases: list[tuple[int, str]],
        policies: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "Any"), *cases]  # type: ignore[attr-defined]
        self.fields["policy"].choices = [("", "Any"), *policies]  # type: ignore[attr-defined]
