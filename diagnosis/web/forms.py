"""Forms: parsing and validation only. Writes happen in diagnosis.sessions.services."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.http import QueryDict

from diagnosis.models import CaseStatus, SessionMode
from diagnosis.protocol import PolicyInfo


class StartSessionForm(forms.Form):
    mode = forms.ChoiceField(choices=SessionMode.choices, initial=SessionMode.SIMULATED)
    policy = forms.ChoiceField(choices=(), label="Policy")
    case = forms.IntegerField(required=False, widget=forms.HiddenInput)
    live_title = forms.CharField(
        required=False,
        max_length=300,
        label="Patient label",
        help_text="For your own reference, e.g. bed 4. Avoid names.",
    )
    live_demographics = forms.CharField(
        required=False, max_length=300, label="Demographics", help_text="e.g. 58-year-old man"
    )
    live_presentation = forms.CharField(
        required=False,
        max_length=20000,
        label="Presentation",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you know now: complaint, history, examination.",
    )
    max_turns = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=50,
        label="Turn budget",
        help_text="Most turns the policy may take (1–50).",
    )
    step_mode = forms.BooleanField(required=False, label="Pause after each turn")

    def __init__(
        self,
        *args: Any,
        policies: Iterable[PolicyInfo] = (),
        default_policy: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.policies = list(policies)
        policy_field = self.fields["policy"]
        assert isinstance(policy_field, forms.ChoiceField)
        policy_field.choices = [(p.key, p.label) for p in self.policies if p.available]
        if default_policy and not self.is_bound:
            self.fields["policy"].initial = default_policy

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("mode") == SessionMode.LIVE
            and not (data.get("live_presentation") or "").strip()
            and not data.get("case")
        ):
            self.add_error(
                "live_presentation",
                "Type the patient's presentation: it is all the policy sees at first.",
            )
        return data


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Words from the title or presentation"}
        ),
    )
    dataset = forms.ChoiceField(required=False, label="Source")
    status = forms.ChoiceField(
        required=False, label="Status", choices=[("", "Any status"), *CaseStatus.choices]
    )

    def __init__(
        self, *args: Any, datasets: Iterable[str] = (), show_status: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        dataset_field = self.fields["dataset"]
        assert isinstance(dataset_field, forms.ChoiceField)
        dataset_field.choices = [("", "All sources"), *[(d, d) for d in datasets]]
        if not show_status:
            del self.fields["status"]


ROW = re.compile(r"^(proposed|extra)-(\d{1,3})-(test|decision|edited|result)$")
DECISIONS = ("accept", "edit", "reject", "not_done")
NOTHING_ENTERED = (
    "No result was entered. Type a result for at least one order, mark the orders you could not"
    " do as “Not done”, or ask for the final diagnosis."
)

NUL_IN_RESULTS = (
    "A result or order name holds a NUL character (\\x00), which cannot be stored. Remove it and"
    " send again."
)


class LiveResultsError(ValueError):
    """The submitted results cannot be used; the message is safe to show."""


def parse_live_results(data: QueryDict) -> tuple[list[dict[str, str]], bool]:
    """The live-results form as rows for live_mode.live_results_submit, plus "ask for the final".

    Proposed orders are accepted (kept as named), edited (renamed), rejected (left out) or marked
    not done (kept, with no result); extra rows are findings the policy did not ask for, kept only
    when a name is given. A submit with no result at all must say so: some order marked not done,
    or the final diagnosis asked for; otherwise nothing is sent (LiveResultsError). A NUL character
    in any field is refused (LiveResultsError).
    """
    rows: dict[tuple[str, int], dict[str, str]] = {}
    for key in data:
        match = ROW.match(key)
        if match:
            kind, number, field = match.group(1), int(match.group(2)), match.group(3)
            value = (data.get(key) or "").strip()
            if "\x00" in value:  # PostgreSQL cannot store one; no clinician types one
                raise LiveResultsError(NUL_IN_RESULTS)
            rows.setdefault((kind, number), {})[field] = value
    results: list[dict[str, str]] = []
    for (kind, number), row in sorted(
        rows.items(), key=lambda item: (item[0][0] != "proposed", item[0][1])
    ):
        result = row.get("result", "")
        if kind == "extra":
            if row.get("test"):
                if not result:
                    raise LiveResultsError(
                        f"Enter a result for the added finding “{row['test'][:80]}”, "
                        "or remove its name."
                    )
                results.append({"order": row["test"], "result": result})
            continue
        decision = row.get("decision", "accept")
        if decision not in DECISIONS:
            raise LiveResultsError(
                "Each proposed order is accepted, edited, rejected or marked not done."
            )
        if decision == "reject":
            continue
        if decision == "not_done":
            if row.get("test"):
                results.append({"order": row["test"], "result": "", "not_done": "1"})
            continue
        name = row.get("edited", "") if decision == "edit" else row.get("test", "")
        if not name:
            raise LiveResultsError(f"An edited order needs a name (proposed order {number + 1}).")
        results.append({"order": name, "result": result})
    for row_ in results:
        if len(row_["order"]) > 200 or len(row_["result"]) > 5000:
            raise LiveResultsError(
                "An order name is limited to 200 characters and a result to 5,000."
            )
    request_final = data.get("request_final") == "1"
    if not request_final and not any(r["result"] or r.get("not_done") for r in results):
        raise LiveResultsError(NOTHING_ENTERED)
    return results, request_final
