"""Schools only: young people, enrolments and families are child records and are never
editable (or visible) in the admin."""

from django.contrib import admin

from schools.models import School


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "urn", "laestab", "phase", "status"]
    list_filter = ["phase", "status"]
    search_fields = ["name", "urn", "laestab"]

    def has_delete_permission(self, request: object, obj: School | None = None) -> bool:
        return False
