"""No form with long free text tells the browser to cut it short: a maxlength on a
textarea drops the end of a pasted text without a word, where GOV.UK's character count
states the limit and the form says how far over a text is, keeping all of it."""

import re
from types import SimpleNamespace

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms

from accounts.forms_access_log import AnomalyReviewForm
from chronology.forms_doubts import DoubtDecisionForm, LinkDoubtForm
from interventions.forms.interventions import CloseForm, ReviewForm, SessionForm
from interventions.forms.referrals import AddInformationForm, ReferralForm, TriageForm
from interventions.forms.session_corrections import SessionWithdrawForm
from risk.forms import DismissForm
from risk.forms_library import IndicatorForm
from schools.forms import BreakGlassForm
from stewardship.forms import LegalHoldForm

pytestmark = pytest.mark.django_db

AN_INTERVENTION = SimpleNamespace(start_date=None, review_date=None, allocated_at=None)
"""What the review and close forms read of the intervention their dates are checked against."""

FORMS = [
    lambda: ReferralForm(trigger_choices=[]),
    AddInformationForm,
    TriageForm,
    SessionForm,
    lambda: CloseForm(intervention=AN_INTERVENTION),
    lambda: ReviewForm(intervention=AN_INTERVENTION),
    SessionWithdrawForm,
    DismissForm,
    IndicatorForm,
    LegalHoldForm,
    LinkDoubtForm,
    DoubtDecisionForm,
    AnomalyReviewForm,
    BreakGlassForm,
]


@pytest.mark.parametrize("make", FORMS)
def test_no_limited_textarea_carries_a_maxlength(make):
    form = make()
    limited = {
        name: field
        for name, field in form.fields.items()
        if isinstance(field.widget, forms.Textarea) and field.max_length
    }
    assert limited
    html = render_crispy_form(form) if hasattr(form, "helper") else ""
    for name, field in limited.items():
        assert "maxlength" not in form[name].as_widget(), name
        if html:
            # "10,000" as the forms with their own templates say it; the script reads the digits.
            assert f"You can enter up to {field.max_length:,} characters" in " ".join(html.split())
            assert f'data-maxlength="{field.max_length}"' in html
            textarea = re.search(rf'<textarea[^>]*name="{name}"[^>]*>', html)[0]
            assert f"{form[name].id_for_label}-info" in textarea, "the count is read with the field"
        overlong = field.max_length + 7
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("x" * overlong)
        assert refused.value.messages == [
            f"Keep this to {field.max_length:,} characters or fewer: it has {overlong:,}, which is 7 too many"
        ]
