"""The access-log search's filters, by record ids: no name travels in an API URL."""

import django_filters

from accounts.forms_access_log import LogDayField
from accounts.models import AccessLogEntry
from portal.api.filters import FilterSet, IdFilter


class _DayFilter(django_filters.DateFilter):
    field_class = LogDayField


class EntryFilter(FilterSet):
    person = IdFilter(help_text="A person id: entries naming them.")
    actor = IdFilter(help_text="A user id: entries by them.")
    kind = django_filters.ChoiceFilter(choices=AccessLogEntry.Kind.choices)
    date_from = _DayFilter(help_text="On or after this local day (from 2000 to 2999).")
    date_to = _DayFilter(help_text="On or before this local day (from 2000 to 2999).")

    class Meta:
        model = AccessLogEntry
        fields = ["person", "actor", "kind", "date_from", "date_to"]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        data = self.form.cleaned_data if valid else {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.form.add_error("date_to", "The end date must be the same as or after the start date.")
            return False
        return valid

    def search(self) -> dict:
        """The chosen filters as accounts.selectors_access_log.entries_search takes them."""
        data = self.form.cleaned_data
        return {
            "person_id": data.get("person"),
            "actor_id": data.get("actor"),
            "kind": data.get("kind") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
