from django import forms
from django.conf import settings

from portal.form_text import CountsCharacters


class YoungPersonSearchForm(forms.Form):
    q = forms.CharField(label="Search by name or UPN", max_length=100, required=False, strip=True)


class BreakGlassForm(CountsCharacters, forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        help_text=(
            "Say what professional reason you have now. Your reason, your name and the time are "
            "recorded and reviewed by information governance."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why you need to open this record"},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        minimum = settings.BREAK_GLASS_REASON_MIN_LENGTH
        if len(reason) < minimum:
            raise forms.ValidationError(f"Reason must be at least {minimum} characters")
        return reason
