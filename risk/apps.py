from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "risk"
    verbose_name = "Trigger points"

    def ready(self) -> None:
        from risk import registrations

        registrations.register_all()
