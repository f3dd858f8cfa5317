import django_filters

from chronology.models import Feed, FeedRun


class FeedRunFilter(django_filters.FilterSet):
    feed = django_filters.ChoiceFilter(
        field_name="feed__code", choices=Feed.Code.choices, help_text="A feed code."
    )
    status = django_filters.ChoiceFilter(choices=FeedRun.Status.choices)

    class Meta:
        model = FeedRun
        fields = ["feed", "status"]
