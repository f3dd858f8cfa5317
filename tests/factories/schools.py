import datetime

import factory

from schools.identifiers import upn_check_letter
from schools.models import Enrolment, Family, FamilyMember, Person, School


def valid_upn(n: int, la: str = "801", estab: str = "2000", year: str = "24") -> str:
    body = f"{la}{estab}{year}{n % 1000:03d}"
    return upn_check_letter(body) + body


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("urn",)

    urn = factory.Sequence(lambda n: f"{100000 + n:06d}")
    laestab = factory.Sequence(lambda n: f"801{4000 + n:04d}")
    name = factory.Sequence(lambda n: f"Test School {n}")
    phase = School.Phase.SECONDARY
    status = School.Status.OPEN


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    upn = factory.Sequence(lambda n: valid_upn(n, estab=f"{2000 + n // 1000:04d}"))
    forename = factory.Faker("first_name", locale="en_GB")
    surname = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_between", start_date="-16y", end_date="-11y")
    sex = factory.Iterator(["M", "F"])
    ethnicity = "WBRI"
    postcode = "NB1 2AB"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    person = factory.SubFactory(PersonFactory)
    school = factory.SubFactory(SchoolFactory)
    entry_date = datetime.date(2024, 9, 1)
    year_group = "9"
    sen_provision = "N"


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    family_id = factory.Sequence(lambda n: f"FAM{n:06d}")


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    family = factory.SubFactory(FamilyFactory)
    person = factory.SubFactory(PersonFactory)
    relationship = FamilyMember.Relationship.CHILD
