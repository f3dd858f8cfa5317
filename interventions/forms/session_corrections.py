"""The forms that correct or withdraw a recorded session. Each carries the session's
version (optimistic locking) and a required reason, kept in the session's history."""

from django import forms

from interventions.forms.referrals import VersionForm
from interventions.models import Attendance, Intervention, Session
from interventions.services.session_corrections import MAX_REASON, REMOVED
from interventions.services.sessions import MAX_NOTE, Mark
from portal.date_input import DayMonthYearField
from portal.form_text import CountsCharacters, count_characters, name_the_field

REASON_HINT = (
    "Say what was wrong, for example “Recorded twice” or “Wrong date”. Everyone who may see this "
    "session reads it, so do not name another young person."
)
NOT_IN_SESSION = ("", "Not in this session")


def _reason_field(label: str, missing: str) -> forms.CharField:
    """`missing` answers the label's question, as GOV.UK's "Enter …" messages do."""
    return forms.CharField(
        label=label,
        help_text=REASON_HINT,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": missing},
    )


class SessionCorrectionForm(CountsCharacters, VersionForm):
    """The session's date and kind (offered only to a user who may change everyone in
    it), and an attendance choice and note for each young person the user may correct or
    add, named by their intervention's id."""

    error_words = {"date": "the date of the session"}
    """As recording a session names it."""
    date = DayMonthYearField(label="Date of the session")
    kind = forms.ChoiceField(label="Kind of session", choices=Session.Kind.choices, widget=forms.RadioSelect)
    reason = _reason_field("Why are you correcting it?", "Enter why the session is being changed")
    note_limit = MAX_NOTE

    def __init__(
        self,
        *args: object,
        session: Session,
        rows: list[tuple[Intervention, Attendance | None]],
        whole: bool,
        **kwargs: object,
    ) -> None:
        initial = {"version": session.version, "date": session.date, "kind": session.kind}
        for intervention, attendance in rows:
            counted = attendance is not None and not attendance.withdrawn
            initial[f"status_{intervention.pk}"] = attendance.status if counted else ""
            initial[f"note_{intervention.pk}"] = attendance.note if attendance else ""
        super().__init__(*args, initial=initial, **kwargs)
        self.rows_in = rows
        self.whole = whole
        if not whole:
            del self.fields["date"], self.fields["kind"]
        for intervention, _ in rows:
            status = forms.ChoiceField(
                label="Attendance", choices=[NOT_IN_SESSION, *Attendance.Status.choices], required=False
            )
            # Made after NamesTheField named the form's fields: named here, as they are.
            name_the_field(status, "status")
            self.fields[f"status_{intervention.pk}"] = status
            note = forms.CharField(label="Note", max_length=MAX_NOTE, required=False)
            count_characters(note)
            self.fields[f"note_{intervention.pk}"] = note

    def rows(self) -> list[tuple[Intervention, Attendance | None, forms.BoundField, forms.BoundField]]:
        return [(i, a, self[f"status_{i.pk}"], self[f"note_{i.pk}"]) for i, a in self.rows_in]

    def marks(self) -> tuple[Mark, ...]:
        data = self.cleaned_data
        return tuple(
            Mark(intervention=i, status=data[f"status_{i.pk}"] or REMOVED, note=data[f"note_{i.pk}"])
            for i, _ in self.rows_in
        )


class SessionWithdrawForm(CountsCharacters, VersionForm):
    reason = _reason_field(
        "Why was this session recorded in error?", "Enter why the session was recorded in error"
    )
