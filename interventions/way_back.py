"""The referral and intervention pages a young person's page can lead back to, and the
work queue an intervention's page can. The taskforce opens a referral from its work
queue (to triage it, or to see one awaiting the referrer's answer) and an intervention
from the queue's reviews due; each names the young person, and their page's back link
returns to the page it was opened from, not to the young-people list
(schools/back_links.py, where these register).

An intervention opened from the queue leads back to the queue, not to the Interventions
list. Its link to the young person carries that way back inside its own (`list=` holds
the intervention's `way_back=`), so the young person's back link returns to the
intervention as it was opened, still leading to the queue; each level is checked where
it is read. The pages the intervention leads on to (its worker, a session, a review,
closing it) carry it in their own addresses, where their forms post, and return to the
intervention (or the session) with it, so no action loses the way back to the queue."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from interventions.rules import may_triage
from schools.back_links import (
    WAY_BACK,
    BackLink,
    carried_list_href,
    carried_way_back,
    register_list_origin,
    way_back_query,
)

INTERVENTION = "intervention"
REFERRAL = "referral"
TRIAGE = "referral-triage"
WORK_QUEUE = "work-queue"
PAGES = {
    INTERVENTION: ("interventions:detail", "Back to the intervention"),
    REFERRAL: ("referrals:detail", "Back to the referral"),
    TRIAGE: ("referrals:triage", "Back to the referral"),
}
REVIEWS_DUE = "reviews"
"""The id of the queue's "Reviews due" heading, the section that opens an intervention:
the way back lands on it, fixed here, never taken from the address."""
CARRIES = {INTERVENTION: (WORK_QUEUE,)}
"""The pages that carry a way back of their own, and where it may lead: the young
person's page keeps it when it leads back to them."""


@dataclass(frozen=True)
class InterventionWays:
    back: BackLink
    person: str
    """The query string for the page's link to its young person."""
    onward: str = ""
    """The query string (`way_back=…`, "" for none) for its links to the pages that lead
    back to it (its worker, a session, a review, closing it), so they return to it as it
    was opened."""


def register_way_back_pages() -> None:
    register_list_origin(code=WORK_QUEUE, url_name="referrals:queue", label=_queue_label, params=())
    for code, (url_name, label) in PAGES.items():
        register_list_origin(
            code=code,
            url_name=url_name,
            label=lambda _viewer, said=label: said,
            params=(),
            keyed=True,
            carries=CARRIES.get(code, ()),
        )


def person_way_back(code: str, pk: int) -> str:
    """The query string for the page's link to its young person (`code` of PAGES)."""
    return way_back_query(code, [], record=pk)


def from_work_queue() -> str:
    """The query string the work queue adds to its links to an intervention."""
    return urlencode({WAY_BACK: way_back_query(WORK_QUEUE, [])})


def intervention_ways(request: HttpRequest, pk: int) -> InterventionWays:
    """The queue only for the taskforce, whose queue it is: anyone else (a lead worker
    sent a colleague's link) goes back to the Interventions list, as without a way back."""
    queue = carried_list_href(request, WORK_QUEUE) if may_triage(request.user) else None
    if queue is None:
        return InterventionWays(
            back=BackLink(href=reverse("interventions:list"), label="Interventions"),
            person=person_way_back(INTERVENTION, pk),
        )
    own = carried_way_back(request)
    return InterventionWays(
        back=BackLink(href=f"{queue}#{REVIEWS_DUE}", label="Work queue"),
        person=way_back_query(INTERVENTION, [(WAY_BACK, own)], record=pk),
        onward=urlencode({WAY_BACK: own}),
    )


def intervention_page_href(request: HttpRequest, url_name: str, pk: int, *more: int) -> str:
    """From a page the intervention leads on to (changing its worker, closing it, a
    review, a session): `url_name`'s page of intervention `pk` (the intervention itself,
    or another of those) with the way back the intervention was opened with, checked
    again, so the officer lands back on the intervention still leading to the queue."""
    onward = intervention_ways(request, pk).onward
    return reverse(url_name, args=[pk, *more]) + (f"?{onward}" if onward else "")


def intervention_href(request: HttpRequest, pk: int) -> str:
    return intervention_page_href(request, "interventions:detail", pk)


def _queue_label(_viewer: User) -> str:
    return "Work queue"
