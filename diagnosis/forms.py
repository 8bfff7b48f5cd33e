from __future__ import annotations

from django import forms

from diagnosis.models import SessionMode


class StartSessionForm(forms.Form):
    mode = forms.ChoiceField(choices=SessionMode.choices, initial=SessionMode.SIMULATED)
    policy = forms.ChoiceField(choices=())
    case = forms.IntegerField(required=False, widget=forms.HiddenInput)
    live_title = forms.CharField(required=False, max_length=300, label="Patient label")
    live_demographics = forms.CharField(required=False, max_length=300, label="Demographics")
    live_presentation = forms.CharField(required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 5}),
                                        label="Presentation")
    max_turns = forms.IntegerField(required=False, min_value=1, max_value=50, label="Turn budget")
    step_mode = forms.BooleanField(required=False, label="Pause after each turn")

    def __init__(self, *args, policies=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = [(p.key, p.label) for p in policies if p.available]
