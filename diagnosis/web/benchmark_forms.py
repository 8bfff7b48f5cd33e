"""The benchmark launch form: parsing and validation only (diagnosis.benchmarks.services writes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from diagnosis.cases.importers import FORMATS
from diagnosis.models import CaseStatus
from diagnosis.protocol import PolicyInfo

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SOURCES = (("library", "Cases from the library"), ("file", "An uploaded case file"))


class LaunchRunForm(forms.Form):
    name = forms.CharField(max_length=200, label="Run name", help_text="Unique, e.g. kg-dev-v2.")
    source = forms.ChoiceField(choices=SOURCES, initial="library", widget=forms.RadioSelect)
    q = forms.CharField(required=False, max_length=200, label="Search the library")
    dataset = forms.ChoiceField(required=False, label="Source")
    status = forms.ChoiceField(
        required=False, label="Status", choices=[("", "Any status"), *CaseStatus.choices]
    )
    limit = forms.IntegerField(
        required=False, min_value=1, max_value=5000, label="At most", help_text="cases (1–5000)"
    )
    file = forms.FileField(required=False, label="Case file")
    format = forms.ChoiceField(
        required=False, label="File format", choices=[(f, f) for f in FORMATS]
    )
    policy = forms.ChoiceField(choices=(), label="Policy")
    max_turns = forms.IntegerField(
        required=False, min_value=1, max_value=50, label="Turn budget", help_text="1–50 turns"
    )

    def __init__(
        self,
        *args: Any,
        policies: Iterable[PolicyInfo] = (),
        datasets: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        policy = self.fields["policy"]
        assert isinstance(policy, forms.ChoiceField)
        policy.choices = [(p.key, p.label) for p in policies if p.available]
        dataset = self.fields["dataset"]
        assert isinstance(dataset, forms.ChoiceField)
        dataset.choices = [("", "All sources"), *[(d, d) for d in datasets]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in ("name", "q"):
            if "\x00" in (data.get(key) or ""):
                self.add_error(key, "Remove the NUL character.")
        if data.get("source") == "file":
            upload = data.get("file")
            if upload is None:
                self.add_error("file", "Choose a case file to upload.")
            elif upload.size > MAX_UPLOAD_BYTES:
                self.add_error("file", "The file is over 50 MB.")
            if not data.get("format"):
                self.add_error("format", "Say which format the file is in.")
        return data
