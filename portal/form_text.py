"""What people type into the portal's forms is never lost without a word (the team rule:
bad input gets a clear error and loses nothing). Two things every form with free text
shares: a long text's limit is said before anyone types, and a form refused because the
record changed meanwhile can be sent again as it stands."""

from typing import ClassVar

from crispy_forms_gds.layout import Field
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest

from portal.date_input import DayMonthYearField
from portal.number_input import typed_as_text
from portal.sentences import in_a_sentence

RESEND = (
    "Nothing was saved: what you typed is still below. Check it against that change, "
    "then send the form again to apply it."
)
"""Said after what changed meanwhile, on a form re-rendered with the sender's text and
the version they have now been shown, so that sending it again is a decision, not a loop."""


class SaysHowFarOver(MaxLengthValidator):
    """The browser's maxlength cuts a pasted text short without a word, so the limit is
    checked here instead, saying by how much the text is over it."""

    def __call__(self, value: str) -> None:
        over = len(value) - self.limit_value
        if over > 0:
            raise ValidationError(
                f"Keep this to {self.limit_value:,} characters or fewer: it has {len(value):,}, "
                f"which is {over:,} too many",
                code="too_long",
            )


def count_characters(field: forms.CharField) -> int:
    """Makes `field`'s limit a stated one: no maxlength on its textarea (which would cut a
    paste short silently) and an error that says how far over. Returns the limit, for
    GOV.UK's character count, a hint without JavaScript and a live count with it."""
    field.widget.attrs.pop("maxlength", None)
    # crispy-forms-gds adds the count's "-info" id to this and fails when it is missing.
    field.widget.attrs.setdefault("aria-describedby", "")
    field.validators = [
        SaysHowFarOver(v.limit_value) if isinstance(v, MaxLengthValidator) else v for v in field.validators
    ]
    field.error_messages.pop("max_length", None)
    return field.max_length


def counted_textarea(form: forms.Form, name: str, **kwargs: object) -> Field:
    """The crispy-forms-gds layout of textarea `name` with its limit shown (GOV.UK's
    character count), in the portal's template: crispy-forms-gds's own says the limit
    without a thousands separator, beside forms that say "10,000"."""
    limit = count_characters(form.fields[name])
    return Field.textarea(name, max_characters=limit, template="includes/counted_textarea.html", **kwargs)


def send_again_with(form: forms.Form, **values: object) -> None:
    """Re-binds hidden fields of a refused form (the version it was read at) to the
    record as it is now, leaving everything the person typed as they typed it."""
    data = form.data.copy()
    for name, value in values.items():
        data[form.add_prefix(name)] = str(value)
    form.data = data


def given(form: forms.Form, name: str) -> bool:
    """Whether field `name` was filled in, for a check that asks for it when another answer
    needs it ("Say why" for "Other") or for one of several: a value the field refused with
    its own error ("Keep this to 2,000 characters…") was given, so asking for it as well
    would contradict that error. Call from `clean()`, after the fields' own checks."""
    if name in form.errors:
        return True
    value = form.cleaned_data.get(name)
    return (value.strip() if isinstance(value, str) else value) not in (None, "", [], ())


STALE_FORM = (
    "This form was out of date or changed, so nothing was saved: what you typed is still "
    "below. Check it against the page as it is now, then send the form again."
)


def carried_as_now(form: forms.Form, name: str) -> None:
    """For hidden field `name`, the version of the record the page showed: refused (changed
    or garbled on its way), its own error ("Enter version as a whole number") would sit
    beside a field nobody can see or correct. It is said above the form instead, as a
    colleague's change is (RESEND), and the field carries the version the page shows now,
    so that what was typed, kept, is applied by sending it again. Call from `clean()`."""
    if name not in form.errors:
        return
    del form.errors[name]
    now = form.get_initial_for_field(form.fields[name], name)
    if now is not None:
        send_again_with(form, **{name: now})
    form.add_error(None, STALE_FORM)


class CountsCharacters:
    """For a form whose template renders its textareas itself: each limited textarea
    states its limit (`includes/character_count_info.html`) instead of cutting a paste."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea) and getattr(field, "max_length", None):
                count_characters(field)


def decided_first(request: HttpRequest, *, decided: bool) -> str:
    """A decision sent on something a colleague decided first is not recorded: said in a
    message, and the sender's note returned for the page to show back to copy
    (`includes/unsent_text.html`), since the decided page has no form to keep it in."""
    if request.method != "POST" or not decided:
        return ""
    messages.error(request, "This was decided before your decision arrived, so yours was not recorded.")
    return request.POST.get("note", "")


DJANGO_DEFAULTS = {
    "This field is required.",
    "Enter a valid date.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid email address.",
    "Select a valid choice. %(value)s is not one of the available choices.",
    "Select a valid choice. That choice is not one of the available choices.",
    *DayMonthYearField.default_error_messages.values(),
}


def generated_messages(field: forms.Field, name: str, words: str | None = None) -> dict[str, str]:
    """The messages `name_the_field` writes for `field`, by error code, naming it by its
    label, or by `words` when given. A label that is a noun phrase ("Start date") reads
    well after "Enter"; one that is a question, has a unit in brackets or is half a
    sentence does not, and gets the fallback "an answer to “…”", which reads badly: such
    a field is named in its form's `error_words` ("how many days the token is valid
    for"). tests/portal/test_error_words_every_form.py finds any that is not."""
    if words is None:
        said = str(field.label or name.replace("_", " ").capitalize()).rstrip(".")
        label = f"an answer to “{said}”" if said.endswith("?") or "(" in said else in_a_sentence(said)
    else:
        label = words
    choosing = isinstance(
        field, (forms.ChoiceField, forms.ModelChoiceField, forms.FileField, forms.BooleanField)
    )
    if isinstance(field, DayMonthYearField):
        return _date_messages(label)
    return {
        **_limit_messages(field, label),
        "required": f"{'Choose' if choosing else 'Enter'} {label}",
        "invalid": f"Enter {label} as a real date, for example 1 September 2025"
        if isinstance(field, forms.DateField)
        else f"Enter {label} as a whole number"
        if isinstance(field, forms.IntegerField)
        else f"Enter {label} in the right format",
        "invalid_choice": f"Choose {label} from the options given",
    }


def _date_messages(label: str) -> dict[str, str]:
    """GOV.UK's date input messages, which open with the field's name ("Start date must
    include a month"). The missing parts are filled in by Django, so a "%" is doubled."""
    opening = (label[0].upper() + label[1:]).replace("%", "%%")
    return {
        "required": f"Enter {label}",
        "invalid": f"{opening} must be a real date",
        "incomplete": f"{opening} must include %(missing)s",
        "year_length": f"{opening} must include a year with 4 numbers",
    }


_LIMIT_CODES = ("min_value", "max_value", "max_length")


def _limit_messages(field: forms.Field, label: str) -> dict[str, str]:
    """A whole number's bounds and a text's length in words ("Enter planned sessions as 1
    or more", "Enter family id in 64 characters or fewer"), where Django says "Ensure
    this value is greater than or equal to 1." and names no field. Django fills in the
    validator's values, so a "%" is doubled; a number's limit is left to Django, as it
    may be the model field's rather than the form field's."""
    label = label.replace("%", "%%")
    if isinstance(field, forms.CharField) and field.max_length is not None:
        return {"max_length": f"Enter {label} in {field.max_length:,} characters or fewer"}
    if not isinstance(field, forms.IntegerField):
        return {}
    return {
        "min_value": f"Enter {label} as %(limit_value)s or more",
        "max_value": f"Enter {label} as %(limit_value)s or fewer",
    }


def name_the_field(field: forms.Field, name: str, words: str | None = None) -> None:
    """Replaces Django's default messages, which name no field ("This field is required.")
    and so mean nothing when a screen reader reads the error summary's links, with ones
    that say which field and what to do. Messages a form sets itself are kept."""
    for code, message in generated_messages(field, name, words).items():
        # A bound's default message is its validator's, so the field holds none for it.
        unset = code in _LIMIT_CODES and code not in field.error_messages
        if unset or str(field.error_messages.get(code, "")) in DJANGO_DEFAULTS:
            field.error_messages[code] = message


class NamesTheField:
    """For every portal form: its errors say which field they are about (see
    `name_the_field`), in the error summary as beside the field; its numbers are typed
    in text inputs (`typed_as_text`), whose errors those messages are."""

    error_words: ClassVar[dict[str, str]] = {}
    """A field's name as its errors say it after "Enter" or "Choose", for a field whose
    label does not read well there ("Valid for (days)": "how many days the token is
    valid for")."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            name_the_field(field, name, self.error_words.get(name))
            typed_as_text(field)
