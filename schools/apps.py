from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools, young people and families"

    def ready(self) -> None:
        from schools.back_links import register_list_origin
        from schools.views.young_people import ORIGIN, ORIGIN_PARAMS

        register_list_origin(
            code=ORIGIN,
            url_name="young_person_list",
            label=lambda _viewer: "Young people",
            params=ORIGIN_PARAMS,
        )
