from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and access"

    def ready(self) -> None:
        from django.contrib import admin

        from accounts.change_log import register_change_log
        from accounts.models import ChangeLogEntry

        register_change_log()
        # Log entries name children: administrators must not browse them. IG reviews the
        # logs through the access-log pages instead.
        if admin.site.is_registered(ChangeLogEntry):
            admin.site.unregister(ChangeLogEntry)
