import django_filters

from chronology.models import Feed, FeedRun
from portal.api.filters import FilterSet


class FeedRunFilter(FilterSet):
    feed = django_filters.ChoiceFilter(
        field_name="feed__code", choices=Feed.Code.choices, help_text="A feed code."
    )
    status = django_filters.ChoiceFilter(choices=FeedRun.Status.choices)

    class Meta:
        model = FeedRun
        fields = ["feed", "status"]
