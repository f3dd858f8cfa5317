"""Administrators add and retire programmes; a programme in use is never deleted."""

from django.contrib import admin
from django.http import HttpRequest

from interventions.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "active")
    list_filter = ("kind", "active")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
