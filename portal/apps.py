from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "SAFE portal"
    default = True

    def ready(self) -> None:
        from portal import warm_heap
        from portal.api import schema  # noqa: F401  (registers the API's security schemes)

        warm_heap.install()


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on a site only active administrators may reach."""

    default = False
    default_site = "portal.admin.PortalAdminSite"
