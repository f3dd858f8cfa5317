"""Doubtful links in the demo city, so that the data officer's review queue shows a
report from a chronology: the demo DSL reports one of their pupils' partner-agency
entries that was linked as a probable match (or, in a city without one, any such entry).
An earlier report of another entry was checked and kept, so the DSL's notifications
show a decision coming back. The review queue likewise shows one imported row already
decided beside those still waiting."""

from django.db.models import Q

from accounts.models import User
from chronology.models import Event, LinkDoubt, LinkReview, Sensitivity
from chronology.services.doubts import link_doubt_decide, link_doubt_report
from chronology.services.linkage import review_decide
from schools.models import Person, School

NOTE = (
    "Neither the pupil nor the family recognise this, and nothing the school holds fits "
    "it; please check it is our pupil."
)
"""A doubt the data officer's page cannot contradict: the row was linked on an exact
identifier, so its name and date of birth match the pupil's (a note claiming they differ
read as false beside the row)."""


KEPT_NOTE = "Checked against the row: the identifiers the school sent are this pupil's, so the link stays."


def report_a_doubtful_link(*, dsl: User, school: School, officer: User) -> LinkDoubt | None:
    pupils = school.enrolments.filter(leaving_date__isnull=True).values("person_id")
    events = Event.objects.filter(
        person_id__in=pupils,
        sensitivity__in=[Sensitivity.EDUCATION, Sensitivity.PARTNER],
        source_record__person__isnull=False,
    ).order_by("link_confidence", "-occurred_on", "pk")
    event = events.filter(Q(link_confidence__lt=1)).first() or events.first()
    if event is None:
        return None
    others = events.filter(sensitivity=Sensitivity.PARTNER).exclude(source_record_id=event.source_record_id)
    checked = others.last()
    if checked is not None:
        kept = link_doubt_report(by=dsl, person=checked.person, event=checked, note=NOTE)
        link_doubt_decide(by=officer, doubt=kept, split=False, note=KEPT_NOTE)
    return link_doubt_report(by=dsl, person=event.person, event=event, note=NOTE)


TYPO_NOTE = (
    "Same forename, date of birth and postcode as the pupil; the surname has two letters "
    "transposed, a keying error in the police extract."
)


def link_the_mistyped_row(*, officer: User, feed: str, source_record_id: str) -> LinkReview | None:
    """The data officer has already worked through one row of the review queue: the
    mistyped surname, linked to the pupil the importer offered first. The queue then shows
    a decision beside the rows still waiting."""
    review = (
        LinkReview.objects.filter(
            status=LinkReview.Status.OPEN,
            source_record__feed__code=feed,
            source_record__source_record_id=source_record_id,
        )
        .order_by("pk")
        .first()
    )
    offered = review.candidates[0]["person_id"] if review is not None and review.candidates else None
    if offered is None:
        return None
    return review_decide(
        by=officer,
        review=review,
        action=LinkReview.Status.LINKED,
        person=Person.objects.get(pk=offered),
        note=TYPO_NOTE,
    )
