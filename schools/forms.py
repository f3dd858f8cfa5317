from django import forms
from django.conf import settings

from portal.form_text import CountsCharacters, NamesTheField

SEARCH_MAX_LENGTH = 100


class PersonSearchField(forms.CharField):
    """The search box of every list of young people (read by schools/search.py). Too
    long a search is refused beside the box: answering it with the unfiltered list
    would show every pupil under words that matched none of them."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", "Search by name or UPN")
        super().__init__(
            max_length=SEARCH_MAX_LENGTH,
            required=False,
            strip=True,
            error_messages={"max_length": f"Search must be {SEARCH_MAX_LENGTH} characters or fewer"},
            **kwargs,
        )


class YoungPersonSearchForm(NamesTheField, forms.Form):
    q = PersonSearchField()


class BreakGlassForm(CountsCharacters, NamesTheField, forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why you need to open this record"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        """The minimum is said before it refuses a reason, read from settings when asked."""
        super().__init__(*args, **kwargs)
        minimum = settings.BREAK_GLASS_REASON_MIN_LENGTH
        self.fields["reason"].help_text = (
            f"Say what professional reason you have now, in at least {minimum} characters. Your reason, "
            "your name and the time are recorded and reviewed by information governance."
        )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        minimum = settings.BREAK_GLASS_REASON_MIN_LENGTH
        if len(reason) < minimum:
            raise forms.ValidationError(f"Reason must be at least {minimum} characters")
        return reason
