from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from portal.form_text import NamesTheField, counted_textarea, given
from risk.models import DismissalReason
from risk.services.review import MAX_NOTE


class DismissForm(NamesTheField, forms.Form):
    error_words = {"reason": "why the trigger point is being dismissed"}
    reason = forms.ChoiceField(
        label="Why is this trigger point being dismissed?",
        choices=DismissalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the trigger point is being dismissed."},
    )
    note = forms.CharField(
        label="Say more",
        help_text="Kept with the flag and shown to others who see it. Required if you chose Other.",
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("reason", legend_size=Size.MEDIUM), counted_textarea(self, "note", rows=4)
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("reason") == DismissalReason.OTHER and not given(self, "note"):
            self.add_error("note", "Say why the trigger point is being dismissed.")
        return cleaned
