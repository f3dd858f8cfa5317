import factory
from django.utils import timezone

from chronology.models import Sensitivity
from risk.models import Flag, FlagEvidence, Indicator, IndicatorVersion, Review
from tests.factories.schools import PersonFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tf_{n:04d}")
    """Never a code a test writes by hand (tx91 to tx99): a sequence that reached 91 in a
    long run got the hand-written indicator and gave it a second version 1."""
    position = factory.Sequence(lambda n: n)


class IndicatorVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorVersion

    indicator = factory.SubFactory(IndicatorFactory)
    number = 1
    name = factory.Sequence(lambda n: f"Test trigger point {n}")
    description = "Arrested or a suspect in a police incident in the last 12 months."
    rules = factory.LazyFunction(
        lambda: [
            {
                "type": "events",
                "params": {"categories": ["police_incident"], "min_count": 1, "days": 365},
            }
        ]
    )
    weight = 2


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    person = factory.SubFactory(PersonFactory)
    version = factory.SubFactory(IndicatorVersionFactory)
    indicator = factory.LazyAttribute(lambda o: o.version.indicator)
    raised_at = factory.LazyFunction(timezone.now)
    sensitivity = Sensitivity.PARTNER
    review = Review.NOT_NEEDED


class FlagEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlagEvidence

    flag = factory.SubFactory(FlagFactory)
    key = factory.Sequence(lambda n: f"e{n}")
    kind = FlagEvidence.Kind.EVENT
    occurred_on = factory.LazyFunction(lambda: timezone.localdate())
    sensitivity = factory.LazyAttribute(lambda o: o.flag.sensitivity)
