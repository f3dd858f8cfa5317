"""The feed register only: events and source records are child records and stay out
of the admin."""

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from chronology.models import Feed
from chronology.services.register import feed_update


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "owner_agency", "default_sensitivity", "is_importable"]
    search_fields = ["name", "owner_agency"]

    @admin.display(boolean=True, description="importable")
    def is_importable(self, obj: Feed) -> bool:
        return obj.is_importable

    def has_delete_permission(self, request: object, obj: Feed | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Feed, form: ModelForm, change: bool) -> None:
        """An edit goes through the register's service, as on the register's own page: a
        new default sensitivity reaches the feed's events, and whatever the layers above
        keep of them, in the same transaction."""
        if change:
            feed_update(by=request.user, feed=obj, fields={})
        else:
            super().save_model(request, obj, form, change)
