"""Allocation, session and closure forms."""

from datetime import date

from crispy_forms_gds.layout import Button, Field, Size
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from interventions.forms.referrals import VersionForm, _helper
from interventions.models import Attendance, ClosureReason, Intervention
from interventions.selectors import offered_programmes
from interventions.services.allocation import (
    MAX_PLANNED_SESSIONS,
    allocation_date_refusals,
    closing_date_refusal,
)
from interventions.services.reviews import next_review_refusal
from portal.date_input import DayMonthYearField, date_field
from portal.form_text import NamesTheField, count_characters, counted_textarea

NOTE_MAX = Attendance._meta.get_field("note").max_length


class WorkerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.role.label if obj.role else 'no role'})"


def loads_hint(workers: QuerySet[User], loads: dict[int, int]) -> str:
    """Beside the choice of worker, so the choice is made knowing who carries how much."""
    each = "; ".join(f"{w.display_name}: {loads.get(w.pk, 0)} open" for w in workers)
    return f"Open interventions each worker leads now: {each}."


class AllocationForm(NamesTheField, forms.Form):
    error_words = {
        "programme": "a programme",
        "provider": "the provider",
        "worker": "the lead worker",
        "start_date": "the start date",
        "planned_sessions": "the number of planned sessions",
        "review_date": "the review date",
    }
    programme = forms.ModelChoiceField(
        label="Programme", queryset=offered_programmes(), empty_label="Choose a programme"
    )
    provider = forms.CharField(
        label="Provider",
        help_text="Who delivers it, for example the council's youth service.",
        max_length=200,
    )
    worker = WorkerChoice(label="Lead worker", queryset=User.objects.none(), empty_label="Choose a worker")
    start_date = DayMonthYearField(label="Start date")
    planned_sessions = forms.IntegerField(
        label="Planned sessions",
        min_value=1,
        max_value=MAX_PLANNED_SESSIONS,
        error_messages={
            "min_value": "Enter the number of planned sessions, %(limit_value)s or more",
            "max_value": "Enter the number of planned sessions, %(limit_value)s or fewer",
        },
    )
    review_date = DayMonthYearField(label="Review date")

    def __init__(
        self, *args: object, workers: QuerySet[User], loads: dict[int, int] | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        if loads is not None:
            self.fields["worker"].help_text = loads_hint(workers, loads)
        self.helper = _helper(
            Field("programme"),
            Field.text("provider"),
            Field("worker"),
            date_field("start_date"),
            Field.text("planned_sessions", field_width=4),
            date_field("review_date"),
            Button("submit", "Allocate"),
        )

    def clean(self) -> dict:
        """The service's date rules, checked here too so that they show at their fields
        with every other error at once, not after the rest is put right."""
        data = super().clean()
        if data.get("start_date") and data.get("review_date"):
            problems = allocation_date_refusals(
                start=data["start_date"], review=data["review_date"], today=timezone.localdate()
            )
            for field, message in problems.items():
                self.add_error(field, message)
        return data


class ChangeWorkerForm(VersionForm):
    error_words = {"worker": "the new lead worker"}
    worker = WorkerChoice(
        label="New lead worker", queryset=User.objects.none(), empty_label="Choose a worker"
    )

    def __init__(
        self, *args: object, workers: QuerySet[User], loads: dict[int, int] | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        if loads is not None:
            self.fields["worker"].help_text = loads_hint(workers, loads)
        self.helper = _helper(Field("version"), Field("worker"), Button("submit", "Change the lead worker"))


class SessionForm(NamesTheField, forms.Form):
    error_words = {"date": "the date of the session", "status": "whether they attended"}
    date = DayMonthYearField(label="Date of the session")
    status = forms.ChoiceField(
        label="Attendance", choices=Attendance.Status.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Short note", max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.helper = _helper(
            date_field("date"),
            Field.radios("status", legend_size=Size.SMALL),
            counted_textarea(self, "note"),
            Button("submit", "Record the session"),
        )


class GroupSessionForm(NamesTheField, forms.Form):
    """One attendance choice and note per young person in the group, named by their
    intervention's id: the page lists only interventions the user works on."""

    error_words = {"date": "the date of the session"}
    date = DayMonthYearField(label="Date of the session")
    note_limit = NOTE_MAX

    def __init__(self, *args: object, interventions: list[Intervention], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.interventions = interventions
        self.fields["date"].initial = timezone.localdate()
        choices = [("", "Not in this session"), *Attendance.Status.choices]
        for intervention in interventions:
            self.fields[f"status_{intervention.pk}"] = forms.ChoiceField(
                label="Attendance", choices=choices, required=False
            )
            note = forms.CharField(label="Note", max_length=NOTE_MAX, required=False)
            count_characters(note)
            self.fields[f"note_{intervention.pk}"] = note

    def rows(self) -> list[tuple[Intervention, forms.BoundField, forms.BoundField]]:
        return [(i, self[f"status_{i.pk}"], self[f"note_{i.pk}"]) for i in self.interventions]

    def marks(self) -> list[tuple[Intervention, str, str]]:
        data = self.cleaned_data
        return [
            (i, data[f"status_{i.pk}"], data.get(f"note_{i.pk}", ""))
            for i in self.interventions
            if data.get(f"status_{i.pk}")
        ]

    def clean(self) -> dict:
        data = super().clean()
        shown = {f"status_{i.pk}" for i in self.interventions}
        if any(key.startswith("status_") and key not in shown and value for key, value in self.data.items()):
            # Their intervention closed or passed to another worker after the page was
            # opened: recording the rest without a word would lose that mark and note.
            raise forms.ValidationError(
                "Someone you marked is no longer in this group (their intervention was closed or "
                "passed to another worker), so nothing was recorded. Check the marks below and "
                "record the session again."
            )
        # Said with a date error at once; a tampered choice is said at its own row instead.
        if not any(name in self.errors for name in shown) and not self.marks():
            raise forms.ValidationError("Record attendance for at least one young person")
        return data


class CloseForm(VersionForm):
    error_words = {
        "reason": "why the intervention is closing",
        "specialist_support_received": "whether the specialist support it sought was received",
        "closed_on": "the closing date",
        "outcome_summary": "the outcome summary",
    }
    closed_on = DayMonthYearField(label="Closing date")
    reason = forms.ChoiceField(
        label="Why is it closing?", choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    outcome_summary = forms.CharField(
        label="Outcome summary",
        help_text=(
            "In a few sentences, your judgement of what changed. The figures measured so far are above."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    specialist_support_received = forms.TypedChoiceField(
        label="Was the specialist support it sought received?",
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not applicable")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: object, intervention: Intervention, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.intervention = intervention
        self.fields["closed_on"].initial = timezone.localdate()
        self.helper = _helper(
            Field("version"),
            date_field("closed_on"),
            Field.radios("reason", legend_size=Size.SMALL),
            counted_textarea(self, "outcome_summary"),
            Field.radios("specialist_support_received", legend_size=Size.SMALL),
            Button("submit", "Close the intervention"),
        )

    def clean_closed_on(self) -> date:
        """As the service decides, so the date's error shows with the others at once."""
        closed_on = self.cleaned_data["closed_on"]
        today = timezone.localdate()
        if refusal := closing_date_refusal(intervention=self.intervention, closed_on=closed_on, today=today):
            raise forms.ValidationError(refusal)
        return closed_on


class ReviewForm(VersionForm):
    error_words = {"next_review_date": "the next review date"}
    note = forms.CharField(
        label="What did the review find?",
        help_text="Your judgement of what changed. The figures measured from the feeds are above.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter what the review found"},
    )
    next_review_date = DayMonthYearField(label="Next review date")

    def __init__(self, *args: object, intervention: Intervention, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.intervention = intervention
        self.helper = _helper(
            Field("version"),
            counted_textarea(self, "note"),
            date_field("next_review_date"),
            Button("submit", "Record the review"),
        )

    def clean_next_review_date(self) -> date:
        """As the service decides, so the date's error shows with the note's at once."""
        chosen = self.cleaned_data["next_review_date"]
        due, today = self.intervention.review_date, timezone.localdate()
        if refusal := next_review_refusal(next_review_date=chosen, due=due, today=today):
            raise forms.ValidationError(refusal)
        return chosen
