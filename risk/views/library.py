"""The indicator library: administrators compose, edit (a new version each time) and
switch indicators, and the portal-wide switch; the taskforce and IG read it, and see
how each indicator's flags have fared. Counts and rules only: no young person is shown,
so none of these pages is a record view."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

import risk.services.library
from accounts.access import JUDGEMENT_NOTICE, role_required
from accounts.roles import Role
from portal.form_text import RESEND, send_again_with
from risk.forms_library import IndicatorForm, checked
from risk.forms_rules import RuleForm, RuleFormSet, error_links
from risk.models import FlagSettings, Indicator
from risk.rules.params import describe_rules
from risk.selectors import indicator_outcomes, indicators_with_versions
from risk.services.library import (
    StaleVersion,
    flags_switch,
    indicator_create,
    indicator_version_add,
    may_show_restricted,
)

READERS = (Role.ADMINISTRATOR, Role.TASKFORCE, Role.IG_OFFICER)


def _indicator(code: str) -> Indicator:
    indicator = indicators_with_versions().filter(code=code[:16]).first()
    if indicator is None:
        raise Http404("No indicator found.")
    return indicator


@role_required(*READERS)
def indicators(request: HttpRequest) -> HttpResponse:
    rows = [
        (i, i.current_version, describe_rules(i.current_version.rules)) for i in indicators_with_versions()
    ]
    return render(
        request,
        "risk/indicators.html",
        {
            "rows": rows,
            "settings": FlagSettings.current(),
            "may_edit": request.user.role == Role.ADMINISTRATOR,
            "notice": JUDGEMENT_NOTICE,
        },
    )


@role_required(*READERS)
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator(code)
    versions = [(v, describe_rules(v.rules)) for v in indicator.versions.select_related("created_by")]
    return render(
        request,
        "risk/indicator.html",
        {"indicator": indicator, "versions": versions, "may_edit": request.user.role == Role.ADMINISTRATOR},
    )


def _compose(request: HttpRequest, indicator: Indicator | None) -> HttpResponse:
    editing = indicator is not None
    initial, rules_initial, current = {}, [], None
    if editing:
        current = indicator.current_version
        initial = {
            "name": current.name,
            "description": current.description,
            "weight": current.weight,
            "stronger_at": current.stronger_at,
            "needs_review": current.needs_review,
            "based_on": current.number,
        }
        rules_initial = [RuleForm.initial_for(rule) for rule in current.rules]
    form = IndicatorForm(request.POST or None, initial=initial, editing=editing)
    formset = RuleFormSet(request.POST or None, initial=rules_initial, prefix="rules")
    rules = checked(form, formset, current) if form.is_bound else None
    if rules is not None:
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "description": data["description"],
            "rules": rules,
            "weight": data["weight"],
            "stronger_at": data["stronger_at"],
        }
        try:
            if editing:
                indicator_version_add(
                    by=request.user,
                    indicator=indicator,
                    needs_review=data["needs_review"],
                    change_note=data["change_note"],
                    based_on=data["based_on"],
                    description_still_holds=data["description_still_holds"],
                    **fields,
                )
            else:
                needs_review = data["needs_review"] or may_show_restricted(rules)
                indicator = indicator_create(
                    by=request.user, code=data["code"], needs_review=needs_review, **fields
                )
        except ValidationError as error:
            if isinstance(error, StaleVersion):
                send_again_with(form, based_on=error.latest)
                error = ValidationError(f"{error.message} {RESEND}")
            form.add_error(None, error)
        else:
            when = f"at the nightly computation at {nightly_computation()}"
            messages.success(
                request,
                f"{indicator.code} saved. Its flags follow the new version {when}; until then an import "
                "recomputes only the young people it touched, and other flags stand as they are."
                if editing
                else f"{indicator.code} saved. It raises its first flags {when}; until then an import "
                "raises them only for the young people it touches.",
            )
            return redirect("risk:indicator", code=indicator.code)
    return render(
        request,
        "risk/indicator_form.html",
        {
            "form": form,
            "formset": formset,
            "more_errors": error_links(formset),
            "indicator": indicator,
            "current_name": initial.get("name"),
        },
    )


@role_required(Role.ADMINISTRATOR)
def indicator_new(request: HttpRequest) -> HttpResponse:
    return _compose(request, None)


@role_required(Role.ADMINISTRATOR)
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _compose(request, _indicator(code))


@role_required(Role.ADMINISTRATOR)
@require_POST
def indicator_switch(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator(code)
    risk.services.library.indicator_switch(
        by=request.user, indicator=indicator, enabled=not indicator.enabled
    )
    state = (
        "on"
        if indicator.enabled
        else f"off: its flags clear at the nightly computation at {nightly_computation()}"
    )
    messages.success(request, f"{indicator.code} switched {state}.")
    return redirect("risk:indicators")


@role_required(Role.ADMINISTRATOR)
@require_POST
def portal_switch(request: HttpRequest) -> HttpResponse:
    settings = flags_switch(by=request.user, enabled=not FlagSettings.current().flags_enabled)
    messages.success(
        request,
        "Trigger points switched " + ("on." if settings.flags_enabled else "off everywhere in the portal."),
    )
    return redirect("risk:indicators")


@role_required(Role.TASKFORCE, Role.IG_OFFICER)
def outcomes(request: HttpRequest) -> HttpResponse:
    return render(
        request, "risk/outcomes.html", {"outcomes": indicator_outcomes(), "notice": JUDGEMENT_NOTICE}
    )


def nightly_computation() -> str:
    """When the full computation runs (Celery beat), London time: "the next computation"
    told an administrator nothing about when a changed rule reaches the flags."""
    schedule = settings.CELERY_BEAT_SCHEDULE["compute-trigger-points"]["schedule"]
    return f"{min(schedule.hour):02d}:{min(schedule.minute):02d}"
