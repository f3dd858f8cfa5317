from django import forms

from chronology.services.doubts import MAX_NOTE
from portal.form_text import CountsCharacters, NamesTheField


class LinkDoubtForm(CountsCharacters, NamesTheField, forms.Form):
    error_words = {"note": "why you think this entry may be about someone else"}
    note = forms.CharField(
        label="Why do you think this entry may be about someone else?",
        help_text="For example, a different date of birth or school from the one you know. "
        "A data officer reads this with the row the entry came from.",
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DoubtDecisionForm(CountsCharacters, NamesTheField, forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("keep", "Keep the link: the row is about this person"),
            ("split", "Split the row off: it is about someone else, and goes back to the review queue"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note (optional)", required=False, max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )
