import datetime
import hashlib

import factory
from django.utils import timezone

from chronology.models import Event, Feed, FeedRun, RejectedRow, Sensitivity, SourceRecord
from tests.factories.schools import PersonFactory


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed
        django_get_or_create = ("code",)

    code = Feed.Code.POLICE_INCIDENTS
    name = factory.LazyAttribute(lambda o: Feed.Code(o.code).label)
    owner_agency = "Test agency"
    purpose = "Testing"
    lawful_basis = "Children Act 2004 s.11"
    dsa_reference = "DSA-TEST"
    dpia_reference = "DPIA-TEST"
    default_sensitivity = Sensitivity.PARTNER


class FeedRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedRun

    feed = factory.SubFactory(FeedFactory)
    file = factory.django.FileField(filename="feed.csv", data=b"source_record_id\n")
    original_filename = "feed.csv"
    checksum = factory.LazyFunction(lambda: hashlib.sha256(b"source_record_id\n").hexdigest())
    status = FeedRun.Status.COMPLETED


class SourceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceRecord

    feed = factory.SubFactory(FeedFactory)
    source_record_id = factory.Sequence(lambda n: f"SR{n:08d}")
    content_hash = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
    values = factory.LazyFunction(dict)
    last_run = factory.SubFactory(FeedRunFactory, feed=factory.SelfAttribute("..feed"))
    person = factory.SubFactory(PersonFactory)
    link_confidence = 1.0
    link_method = "upn"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    person = factory.SubFactory(PersonFactory)
    feed = factory.SubFactory(FeedFactory)
    category = "police_incident"
    occurred_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    summary = "Arrested: violence against the person"
    sensitivity = factory.LazyAttribute(lambda o: o.feed.default_sensitivity)


class RejectedRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RejectedRow

    run = factory.SubFactory(FeedRunFactory)
    line_number = factory.Sequence(lambda n: n + 2)
    column = "upn"
    reason = "UPN check letter is wrong"
    values = factory.LazyFunction(lambda: ["A801200001001"])


def queued_link_review(*, forename: str = "Ada", surname: str = "Lovelace"):
    """A police row that nearly matches a person (two letters of the surname swapped), imported through the
    real importer so that it waits in the review queue. Returns (person, review, run)."""
    import tempfile
    from pathlib import Path

    from chronology.models import LinkReview
    from chronology.services.imports import import_feed_file
    from chronology.services.register import install_demonstration_register

    install_demonstration_register(by=None)
    person = PersonFactory(forename=forename, surname=surname, date_of_birth="2012-03-04", postcode="NB1 2AB")
    typo = surname[:-2] + surname[-1] + surname[-2]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "police.csv"
        path.write_text(
            "source_record_id,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group,summary\n"
            f"P-{person.pk},{forename},{typo},2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery,\n"
        )
        run = import_feed_file(feed_code="police_incidents", path=path, by=None)
    return person, LinkReview.objects.get(run=run), run


def reported_link(person, *, reporter):
    """A youth-justice event of the person, from a row linked to them, and a report from a
    chronology that the link is doubtful. Returns (event, doubt)."""
    from chronology.models import LinkDoubt

    feed = FeedFactory(code=Feed.Code.YOUTH_JUSTICE, default_sensitivity=Sensitivity.PARTNER)
    record = SourceRecordFactory(feed=feed, person=person, link_confidence=0.8, link_method="scored")
    event = EventFactory(person=person, feed=feed, source_record=record, category="youth_caution")
    doubt = LinkDoubt.objects.create(
        source_record=record, person=person, linked_person=person, reported_by=reporter, note="Not our pupil?"
    )
    return event, doubt
