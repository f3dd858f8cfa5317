import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.access_log.writing import write_entry
from accounts.models import AccessLogEntry, BreakGlass, SchoolAssignment, User
from accounts.roles import Role
from tests.factories.schools import PersonFactory, SchoolFactory

TEST_PASSWORD = "correct horse battery staple"


def _staff_name(n: int) -> str:
    """ "Staff member Qb": never a generated pupil's name. Every page shows its reader's
    name, and a reader named like a pupil ("Lewis Hughes" reading about a pupil Lewis)
    made a test that a hidden pupil's name is absent fail now and then."""
    letters = ""
    n += 26
    while n:
        n, r = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
    return f"Staff member {letters.capitalize()}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(_staff_name)
    job_title = "Officer"
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted:
            group, _ = Group.objects.get_or_create(name=Role(extracted).value)
            self.groups.add(group)


class SchoolAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolAssignment

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.HEAD_TEACHER


class BreakGlassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakGlass

    user = factory.SubFactory(UserFactory, role=Role.TASKFORCE)
    person = factory.SubFactory(PersonFactory)
    reason = "Police call about an immediate safeguarding concern"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=4))


class AccessLogEntryFactory(factory.django.DjangoModelFactory):
    """Entries are signed when written, so the factory writes through the access log's own
    path; pass `persons=[...]` for the people the entry names."""

    class Meta:
        model = AccessLogEntry

    at = factory.LazyFunction(timezone.now)
    actor = factory.SubFactory(UserFactory)
    actor_label = factory.LazyAttribute(lambda o: o.actor.email if o.actor else "system")
    kind = AccessLogEntry.Kind.VIEW
    route = "young_person_detail"
    path = "/young-people/1/"

    @classmethod
    def _create(cls, model_class: type, *args: object, persons: list | None = None, **kwargs: object):
        return write_entry(person_ids=[p.pk for p in persons or []], **kwargs)
