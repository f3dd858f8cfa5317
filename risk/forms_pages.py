"""The flagged-pupils list's filters. Every choice is validated, so a hand-edited query
string gets a clear error on the page, never a server error."""

from django import forms
from django.http import QueryDict

from accounts.access import ADDITIONAL_FACTOR, flag_policy, has_role, schools_in_scope
from accounts.roles import SCHOOL_ROLES
from chronology.importing.codes import YEAR_GROUPS
from chronology.models import Sensitivity
from portal.form_text import NamesTheField
from portal.sentences import in_a_sentence
from risk.selectors import HIDDEN_CODE, shared_indicators
from risk.selectors_flagged_list import (
    SORTS,
    Dismissed,
    ListQuery,
    Referred,
    SchoolRoll,
    named_trigger_points,
)
from risk.tiers import TierName
from schools.forms import PersonSearchField
from schools.selectors import year_groups_on_roll

MAX_ID = 2**31 - 1
WORDED_FILTERS = ("trigger_point", "tier", "year_group", "sen", "fsm", "dismissed", "referred", "school_roll")
TIERS = (TierName.HIGH, TierName.MEDIUM, TierName.LOW)
SCHOOL_REFERRED_CHOICES = [
    (Referred.ANY, "Any"),
    (Referred.NOT_YET, "Not referred by your school"),
    (Referred.YES, "Referred by your school"),
]
"""School staff know of their school's referrals only (interventions.selectors), so the
filter says whose referrals it goes by: a pupil the taskforce referred is "not referred
by your school", never "not yet referred"."""


class FlaggedListForm(NamesTheField, forms.Form):
    error_words = {
        "raised_since": "the earliest day a trigger point was raised",
        "referred": "whether referred to SAFE",
        "sort": "how to sort the list",
    }
    school_refused = False
    """Set by the pages when `school` is not one of the viewer's: the filters they offer
    again then leave it out."""
    q = PersonSearchField(help_text="A name, part of a UPN, or a date of birth such as 05/03/2012")
    trigger_point = forms.ChoiceField(label="Trigger point", required=False)
    tier = forms.ChoiceField(
        label="Tier",
        required=False,
        choices=[
            ("", "Any tier"),
            *((t.value, t.label) for t in TIERS),
        ],
    )
    year_group = forms.ChoiceField(
        label="Year group",
        required=False,
        choices=[("", "Any year"), *((y, f"Year {y}") for y in YEAR_GROUPS)],
    )
    sen = forms.ChoiceField(
        label="Special educational needs",
        required=False,
        choices=[
            ("", "Any"),
            ("E", "EHC plan"),
            ("K", "SEN support"),
            ("N", "No special educational need"),
            ("none_recorded", "Not recorded"),
        ],
    )
    fsm = forms.ChoiceField(
        label="Free school meals",
        required=False,
        choices=[("", "Any"), ("yes", "Eligible"), ("no", "Not eligible")],
    )
    dismissed = forms.ChoiceField(
        label="Dismissed trigger points",
        required=False,
        initial=Dismissed.NO,
        choices=[
            (Dismissed.NO, "Not dismissed"),
            (Dismissed.YES, "Dismissed"),
            (Dismissed.EITHER, "Either"),
        ],
    )
    referred = forms.ChoiceField(
        label="Referred to SAFE",
        required=False,
        choices=[(Referred.ANY, "Any"), (Referred.NOT_YET, "Not yet referred"), (Referred.YES, "Referred")],
    )
    school = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    school_roll = forms.ChoiceField(
        label="School roll",
        required=False,
        choices=[
            (SchoolRoll.ANY, "Any"),
            (SchoolRoll.ON, "On a school roll"),
            (SchoolRoll.OFF, "Not on a school roll"),
        ],
    )
    raised_since = forms.DateField(label="Raised on or after", required=False, input_formats=["%Y-%m-%d"])
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORTS.items()))

    def __init__(
        self,
        data: object,
        *,
        trigger_points: list[tuple[str, str]],
        known_codes: tuple[str, ...] = (),
        year_groups: set[str] | None = None,
        **kwargs: object,
    ) -> None:
        """`trigger_points`: those to offer, the ones the viewer sees by name on their young
        people today. Any other indicator's code (`known_codes`), or "other", is taken too,
        offered by its code alone (never a name the viewer may not see): a weekly report
        asking for each code must not break because nobody has one today, and the list
        then shows only those on whom the viewer sees it by name, so none where they never
        do (risk.selectors_flagged_list). `year_groups`: those to offer (the viewer's
        schools' on roll); None offers every one, as the API's description does. One asked
        for is offered too, so a link from before a year group left its school finds no
        pupils rather than a 400."""
        super().__init__(data, **kwargs)
        self.known_codes = (*known_codes, HIDDEN_CODE)
        offered = dict(trigger_points)
        # Whether some flags are unnamed for this user: a date filter passes them by.
        self.offers_additional_factor = HIDDEN_CODE in offered
        asked = (data or {}).get("trigger_point")
        if asked in self.known_codes and asked not in offered:
            trigger_points = [*trigger_points, (asked, ADDITIONAL_FACTOR if asked == HIDDEN_CODE else asked)]
        self.fields["trigger_point"].choices = [("", "Any trigger point"), *trigger_points]
        if year_groups is not None:
            offered = {*year_groups, (data or {}).get("year_group")}
            field = self.fields["year_group"]
            field.choices = [(code, label) for code, label in field.choices if not code or code in offered]

    def filters_in_words(self) -> list[str]:
        """Each filter asked for, as the list offers it ("tier: Medium"): a printout taken to
        a meeting cannot be clicked to see which filters made it. The search and the day
        raised are said by the printout in their own words; the school is its heading."""
        if not self.is_valid():
            return []
        words = []
        for name in WORDED_FILTERS:
            value, field = self.cleaned_data.get(name), self.fields[name]
            if value and value != field.initial:
                words.append(f"{in_a_sentence(field.label)}: {dict(field.choices)[value]}")
        return words

    def clean(self) -> dict:
        data = super().clean()
        if data.get("school") and data.get("school_roll") == SchoolRoll.OFF:
            self.add_error(
                "school_roll",
                'A school\'s pupils are all on its roll: choose "Any" here, or clear the filters to '
                "see every young person not on a school roll",
            )
        if data.get("trigger_point") == HIDDEN_CODE and data.get("raised_since"):
            self.add_error(
                "trigger_point",
                f'"{ADDITIONAL_FACTOR}" has no date you can see, so it cannot be listed by the day '
                "it was raised: choose another trigger point, or clear the filters to list every pupil "
                "with one",
            )
        return data

    def list_query(self) -> ListQuery:
        data = self.cleaned_data
        return ListQuery(
            trigger_point=data["trigger_point"],
            tier=data["tier"],
            year_group=data["year_group"],
            sen=data["sen"],
            fsm=data["fsm"],
            dismissed=data["dismissed"] or Dismissed.NO,
            referred=data["referred"],
            school=data["school"],
            school_roll=data["school_roll"],
            raised_since=data["raised_since"],
            q=" ".join(data["q"].split()),
            sort=data["sort"] or "name",
        )


def trigger_point_choices(
    indicators: list, *, named: set[str], with_other: bool, other_label: str
) -> list[tuple[str, str]]:
    choices = [(i.code, f"{i.code} {i.current_version.name}") for i in indicators if i.code in named]
    return [*choices, (HIDDEN_CODE, other_label)] if with_other else choices


def flagged_list_form(user: object, data: QueryDict, *, offer_year_groups: bool = False) -> FlaggedListForm:
    """The list's filters for this user, as the page and the API both take them. Users
    who see every flag by name are not offered "an additional factor". The pages offer
    school staff only their schools' year groups (`offer_year_groups`); the taskforce,
    whose city has pupils in every year, is offered all without reading the city's roll,
    as is the API, which offers nothing."""
    hides_some = flag_policy(user).named_sensitivities != frozenset(Sensitivity.values)
    indicators = [i for i in shared_indicators() if i.versions.all()]
    school_staff = has_role(user, *SCHOOL_ROLES)
    choices = trigger_point_choices(
        indicators,
        named=named_trigger_points(user, city_wide=not school_staff),
        with_other=hides_some,
        other_label=ADDITIONAL_FACTOR,
    )
    years = year_groups_on_roll(schools_in_scope(user)) if offer_year_groups and school_staff else None
    known = tuple(i.code for i in indicators)
    form = FlaggedListForm(data, trigger_points=choices, known_codes=known, year_groups=years)
    if school_staff:
        form.fields["referred"].choices = SCHOOL_REFERRED_CHOICES
    return form
