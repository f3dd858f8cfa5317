from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = "Referrals and interventions"

    def ready(self) -> None:
        from interventions.registrations import register_all

        register_all()
