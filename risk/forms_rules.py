"""The rule builder of the indicator form: up to four rules, each a rule type with the
parameters that type uses (the others are ignored). Values are chosen from the feeds'
own code lists, so a rule cannot name a value no feed sends."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.forms import BaseFormSet, formset_factory

from chronology.importing.categories import CATEGORY_FEEDS
from chronology.timeline.entries import category_label
from portal.form_text import NamesTheField
from risk.models import RuleType
from risk.rules.params import BOUNDS, PARAM_WORDS, in_the_middle, number_message, param_errors
from risk.rules.vocabulary import (
    ATTRIBUTE_LABELS,
    ATTRIBUTES,
    DETAIL_LABELS,
    DETAIL_VALUES,
    HOUSEHOLD,
    RELATIONSHIPS,
    words,
)

MAX_RULES = 4
NO_RULE = "Choose a rule type: an indicator needs at least one rule"


def _number(name: str, **kwargs: object) -> forms.IntegerField:
    """A rule's number, with the rule's own bounds and its one message for any number
    outside them: the form said "as 0 or more" for -5 and the rule "from 1 to 3660" for 0."""
    low, high = BOUNDS[name]
    said = number_message(name)
    return forms.IntegerField(
        required=False,
        min_value=low,
        max_value=high,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), said),
        **kwargs,
    )


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


class RuleForm(NamesTheField, forms.Form):
    error_words = {
        **PARAM_WORDS,
        "match_detail": "the detail events must have",
        "match_detail_2": "the second detail events must have",
    }
    type = forms.ChoiceField(choices=[("", "No rule"), *RuleType.choices], required=False, label="Rule type")
    categories = forms.MultipleChoiceField(
        choices=[(c, category_label(c)) for c in CATEGORY_FEEDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Events, open episode and family rules.",
    )
    days = _number("days", label="Within the last (days)", help_text="Events and family rules.")
    min_count = _number("min_count", label="At least this many events")
    match_detail = forms.ChoiceField(
        choices=[("", "Any"), *((k, DETAIL_LABELS[k]) for k in DETAIL_VALUES)],
        required=False,
        label="Only events whose",
    )
    match_values = forms.CharField(required=False, label="is one of", help_text="Codes separated by commas.")
    match_detail_2 = forms.ChoiceField(
        choices=[("", "Any"), *((k, DETAIL_LABELS[k]) for k in DETAIL_VALUES)],
        required=False,
        label="and whose",
    )
    match_values_2 = forms.CharField(required=False, label="is one of")
    relationships = forms.MultipleChoiceField(
        choices=[*((r, words(r)) for r in RELATIONSHIPS), (HOUSEHOLD, "the household itself")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Family rules: whose events count.",
    )
    max_percent = _number("max_percent", label="Attendance at or below (%)")
    weeks = _number("weeks", label="Over the last (school weeks)", help_text="Attendance rules.")
    min_possible = _number("min_possible", label="Judged on at least (possible sessions)")
    codes = forms.CharField(required=False, label="Register codes", help_text="For example: C2, K")
    min_sessions = _number("min_sessions", label="At least this many sessions")
    field = forms.ChoiceField(
        choices=[("", "None"), *((f, ATTRIBUTE_LABELS[f]) for f in ATTRIBUTES)], required=False
    )
    values = forms.CharField(required=False, label="Is one of", help_text="For example: SEMH")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.select("type"),
            Fieldset(
                Field.checkboxes("categories", small=True),
                Field.text("days", field_width=4),
                Field.text("min_count", field_width=4),
                Field.select("match_detail"),
                Field.text("match_values"),
                Field.select("match_detail_2"),
                Field.text("match_values_2"),
                Field.checkboxes("relationships", small=True),
                legend="Events",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field.text("max_percent", field_width=4),
                Field.text("weeks", field_width=4),
                Field.text("min_possible", field_width=4),
                Field.text("codes", field_width=10),
                Field.text("min_sessions", field_width=4),
                legend="Attendance",
                legend_size=Size.SMALL,
            ),
            Fieldset(Field.select("field"), Field.text("values"), legend="Attribute", legend_size=Size.SMALL),
        )

    @classmethod
    def initial_for(cls, rule: dict) -> dict:
        p = rule["params"]
        initial = {"type": rule["type"], **{k: v for k, v in p.items() if k in cls.base_fields}}
        for key in ("codes", "values"):
            if key in p:
                initial[key] = ", ".join(p[key])
        for n, (detail, values) in enumerate(p.get("match", {}).items()):
            suffix = "" if n == 0 else "_2"
            initial[f"match_detail{suffix}"] = detail
            initial[f"match_values{suffix}"] = ", ".join(values)
        return initial

    def rule(self) -> dict | None:
        """The rule composed, from whichever of its fields are valid: a field refused by
        the form is missing, and the rule's own check of the others still runs."""
        data = self.cleaned_data
        kind = data.get("type")
        if not kind:
            return None
        params: dict = {}
        if kind in (RuleType.EVENTS, RuleType.OPEN_EPISODE, RuleType.FAMILY_EVENTS):
            params["categories"] = data.get("categories")
            match = {}
            for suffix in ("", "_2"):
                if data.get(f"match_detail{suffix}"):
                    match[data[f"match_detail{suffix}"]] = _list(data.get(f"match_values{suffix}") or "")
            if match:
                params["match"] = match
            if kind != RuleType.OPEN_EPISODE:
                params.update(days=data.get("days"), min_count=data.get("min_count") or 1)
            if kind == RuleType.FAMILY_EVENTS:
                params["relationships"] = data.get("relationships")
        elif kind == RuleType.ATTENDANCE_RATE:
            names = ("max_percent", "weeks", "min_possible")
            params = {k: data[k] for k in names if data.get(k) is not None}
        elif kind == RuleType.REGISTER_CODES:
            codes = [c.upper() for c in _list(data.get("codes") or "")]
            sessions = data.get("min_sessions") or 1
            params = {"codes": codes, "weeks": data.get("weeks"), "min_sessions": sessions}
        elif kind == RuleType.ATTRIBUTE:
            values = [v.upper() for v in _list(data.get("values") or "")]
            params = {"field": data.get("field"), "values": values}
        return {"type": kind, "params": params}


class _Rules(BaseFormSet):
    default_error_messages = {
        **BaseFormSet.default_error_messages,
        "too_many_forms": "Compose at most %(num)d rules.",
    }


RuleFormSet = formset_factory(
    RuleForm, formset=_Rules, extra=1, max_num=MAX_RULES, absolute_max=MAX_RULES, validate_max=True
)
"""`absolute_max`: the posted form count decides how many rule forms are built, and
Django's default cap is a thousand (a huge count took the page close to a minute)."""


def rules_from(formset: BaseFormSet) -> list[dict] | None:
    """The composed rules, or None when any is refused. Every rule is checked, and every
    parameter of each beside the fields the form itself refused, so one send says every
    error; each goes beside the field it is about, or on the rule type when no field is
    (the first rule's, when no rule is composed)."""
    rules = []
    for form in formset.forms:
        form.is_valid()
        rule = form.rule()
        if rule is None:
            continue
        for error in param_errors(rule["type"], rule["params"]):
            field = _field_for(form, error.param)
            if field not in form.errors:
                form.add_error(field, str(error))
        rules.append(rule)
    if not rules and formset.forms and not any(f.errors for f in formset.forms):
        formset.forms[0].add_error("type", NO_RULE)
    return rules if rules and formset.is_valid() else None


def _field_for(form: RuleForm, param: str | None) -> str:
    """The field a parameter's error goes beside: an event detail's codes are typed in
    whichever of the two "is one of" boxes follows that detail."""
    if param in form.fields:
        return param
    for suffix in ("", "_2"):
        if param and form.cleaned_data.get(f"match_detail{suffix}") == param:
            return f"match_values{suffix}"
    return "type"


def error_links(formset: BaseFormSet) -> list[tuple[str, str]]:
    """The rules' errors for the page's one error summary: (the id of the control each
    is about, "Rule n: ..."). A field of ticked options has no one control, so its error
    links to the first option, as crispy-forms-gds numbers it. An error of the rules as a
    whole goes to the first rule's type, or (a hand-made form with no rule in it) to the
    paragraph about the rules."""
    first = formset.forms[0]["type"].id_for_label if formset.forms else "rules"
    links = [(first, str(e)) for e in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        in_page_order = sorted(form.errors.items(), key=lambda item: _position(form, item[0]))
        for name, errors in in_page_order:
            field = form[name if name in form.fields else "type"]
            target = field.id_for_label or f"{field.auto_id}_1"
            links += [(target, f"Rule {number}: {in_the_middle(str(e))}") for e in errors]
    return links


def _position(form: RuleForm, name: str) -> int:
    """Where a field's error comes in the summary: as its field comes on the page, the
    rule's own errors (on no one field) with its type, first."""
    return list(form.fields).index(name) if name in form.fields else 0
