"""Numbers typed as text, as GOV.UK advises: a browser's number input changes the value
when someone scrolls over it, drops what it cannot read without a word, and is hard to
use with speech recognition. The text input's inputmode still opens a number pad on a
phone, and the field's own validation ("Enter the weight as a whole number") does the
rest."""

from django import forms


def typed_as_text(field: forms.Field) -> None:
    """Gives a whole number (or a decimal) field a text input with a numeric keyboard in
    place of Django's number input. A plain TextInput, not a subclass: crispy-forms-gds
    outlines only a TextInput by its class name when the field has an error."""
    widget = field.widget
    if type(widget) is not forms.NumberInput:
        return
    attrs = {k: v for k, v in widget.attrs.items() if k not in ("min", "max", "step")}
    decimal = isinstance(field, (forms.DecimalField, forms.FloatField))
    field.widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal" if decimal else "numeric"})
