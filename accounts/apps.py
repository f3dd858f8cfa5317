from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and access"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.auth_backends import forgive_own_failures
        from accounts.change_log import register_change_log

        register_change_log()
        user_logged_in.connect(forgive_own_failures, dispatch_uid="accounts.forgive_own_failures")
        post_migrate.connect(_ensure_roles_after_migrate, sender=self)


def _ensure_roles_after_migrate(*, using: str, verbosity: int = 1, **kwargs: object) -> None:
    """Every migrate (and every test database) ends with every role's group in place.
    Permissions of apps later in INSTALLED_APPS are created first, as their own
    post_migrate has not run yet."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from accounts.services.roles import ensure_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()
