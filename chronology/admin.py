"""The feed register only: events and source records are child records and stay out
of the admin."""

from django.contrib import admin

from chronology.models import Feed


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "owner_agency", "default_sensitivity", "is_importable"]
    search_fields = ["name", "owner_agency"]

    @admin.display(boolean=True, description="importable")
    def is_importable(self, obj: Feed) -> bool:
        return obj.is_importable

    def has_delete_permission(self, request: object, obj: Feed | None = None) -> bool:
        return False
