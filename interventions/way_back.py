"""The referral and intervention pages a young person's page can lead back to, and the
work queue they lead back to. The taskforce opens a referral from its work queue (to
triage it, to see one awaiting the referrer's answer, or to allocate an accepted one) and
an intervention from the queue's reviews due; each names the young person, and their
page's back link returns to the page it was opened from, not to the young-people list
(schools/back_links.py, where these register).

A page opened from the queue leads back to the queue's section, not to its usual list.
Its link to the young person carries that way back inside its own (`list=` holds the
page's `way_back=`), so the young person's back link returns to the page as it was
opened, still leading to the queue; each level is checked where it is read. The pages it
leads on to (an intervention's worker, a session, a review, closing it; triage from a
referral) and the pages its forms land on (the referral after a triage decision, the
intervention after allocating) carry it in their own addresses, where their forms post,
so no action loses the way back to the queue."""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from accounts.models import User
from interventions.models import Referral, ReferralStatus
from interventions.rules import may_triage
from schools.back_links import (
    WAY_BACK,
    BackLink,
    carried_list_href,
    carried_way_back,
    list_href,
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
NEW = "new"
AWAITING = "awaiting"
UNALLOCATED = "unallocated"
REVIEWS_DUE = "reviews"
SECTIONS = (NEW, AWAITING, UNALLOCATED, REVIEWS_DUE)
"""The ids of the queue's section headings a way back lands on, fixed here: "Reviews
due" opens an intervention, "Accepted, not yet allocated" the allocation page, "New
referrals" triage. A section the way back names (`SECTION`) is taken only as one of
these."""
SECTION = "section"
"""The queue's way back names a section only where a page is reached from another than
its own: the intervention an allocation creates was reached from "Accepted, not yet
allocated", where the officer goes on allocating, not from "Reviews due"."""
SECTION_OF = {
    ReferralStatus.SENT: NEW,
    ReferralStatus.MORE_INFORMATION: AWAITING,
    ReferralStatus.ACCEPTED: UNALLOCATED,
}
"""The section a referral of each status sits in, where the officer finds it again (a
declined one is in none: the queue's top)."""


@dataclass(frozen=True)
class PageWays:
    back: BackLink
    person: str = ""
    """The query string for the page's link to its young person."""
    onward: str = ""
    """The query string (`way_back=…`, "" for none) for its links and forms to the pages
    that lead back to it, or that its forms land on, so they keep the way to the queue."""


def register_way_back_pages() -> None:
    register_list_origin(code=WORK_QUEUE, url_name="referrals:queue", label=_queue_label, params=(SECTION,))
    for code, (url_name, label) in PAGES.items():
        register_list_origin(
            code=code,
            url_name=url_name,
            label=lambda _viewer, said=label: said,
            params=(),
            keyed=True,
            carries=(WORK_QUEUE,),
        )


def person_way_back(code: str, pk: int) -> str:
    """The query string for the page's link to its young person (`code` of PAGES)."""
    return way_back_query(code, [], record=pk)


def from_work_queue() -> str:
    """The query string the work queue adds to its links to a referral or an intervention."""
    return urlencode({WAY_BACK: way_back_query(WORK_QUEUE, [])})


def intervention_ways(request: HttpRequest, pk: int) -> PageWays:
    """Anyone but the taskforce (a lead worker sent a colleague's link) goes back to the
    Interventions list, as without a way back."""
    usual = BackLink(href=reverse("interventions:list"), label="Interventions")
    return _ways(request, INTERVENTION, pk, usual=usual, section=REVIEWS_DUE, named_first=True)


def referral_ways(request: HttpRequest, referral: Referral) -> PageWays:
    """Back to the section the referral now sits in: after a triage decision that is where
    the officer finds it again. Anyone else (its referrer) goes back to the Referrals list."""
    usual = BackLink(href=reverse("referrals:list"), label="Referrals")
    return _ways(request, REFERRAL, referral.pk, usual=usual, section=SECTION_OF.get(referral.status, ""))


def triage_ways(request: HttpRequest, pk: int) -> PageWays:
    """Triage is the taskforce's alone, and always leads back to the queue."""
    usual = BackLink(href=reverse("referrals:queue"), label="Work queue")
    return _ways(request, TRIAGE, pk, usual=usual, section=NEW)


def allocation_ways(request: HttpRequest, pk: int) -> PageWays:
    """Opened from the queue, the page leads back there; opened from the referral (its
    "Allocate an intervention" button), back to the referral as it was opened, carrying
    the queue's way back inside its own as the young person's page does. `onward` is the
    queue's way back to "Accepted, not yet allocated", for the intervention the form
    lands on; the form posts to the page's own address (`allocation_href`)."""
    back = _queue_back(request, UNALLOCATED)
    if back is not None:
        return PageWays(back=back, onward=_to_unallocated())
    detail = reverse("referrals:detail", args=[pk])
    referral = carried_list_href(request, REFERRAL) if may_triage(request.user) else None
    if referral is None or urlsplit(referral).path != detail:
        return PageWays(back=BackLink(href=detail, label="Back to the referral"))
    queue = QueryDict(urlsplit(referral).query).get(WAY_BACK, "")
    return PageWays(
        back=BackLink(href=referral, label="Back to the referral"),
        onward=_to_unallocated() if list_href(queue, WORK_QUEUE) else "",
    )


def allocation_href(request: HttpRequest, pk: int, ways: PageWays) -> str:
    """The allocation page's own address, with the way back it was opened with when that
    leads on to the queue, checked again: where its form posts, so a form shown again with
    errors keeps it."""
    own = carried_way_back(request) if ways.onward else ""
    return reverse("referrals:allocate", args=[pk]) + (f"?{urlencode({WAY_BACK: own})}" if own else "")


def allocate_way_back(ways: PageWays) -> str:
    """For a referral page's link to allocating on it: the way back to the referral as it
    was opened, only when that leads on to the queue ("" otherwise, as before)."""
    return urlencode({WAY_BACK: ways.person}) if ways.onward else ""


def with_onward(href: str, ways: PageWays) -> str:
    """`href` carrying the page's way back on, for a redirect or a form's address."""
    return href + (f"?{ways.onward}" if ways.onward else "")


def _ways(
    request: HttpRequest, code: str, pk: int, *, usual: BackLink, section: str, named_first: bool = False
) -> PageWays:
    back = _queue_back(request, section, named_first=named_first)
    if back is None:
        return PageWays(back=usual, person=person_way_back(code, pk))
    own = carried_way_back(request)
    return PageWays(
        back=back,
        person=way_back_query(code, [(WAY_BACK, own)], record=pk),
        onward=urlencode({WAY_BACK: own}),
    )


def _queue_back(request: HttpRequest, section: str, *, named_first: bool = False) -> BackLink | None:
    """The queue only for the taskforce, whose queue it is, and only as the way back names
    it, checked again; None for the page's usual way back. With `named_first`, the section
    the way back names (only as one of SECTIONS) before `section`."""
    queue = carried_list_href(request, WORK_QUEUE) if may_triage(request.user) else None
    if queue is None:
        return None
    address = urlsplit(queue)
    named = QueryDict(address.query).get(SECTION, "")
    if named_first and named in SECTIONS:
        section = named
    return BackLink(href=f"{address.path}#{section}" if section else address.path, label="Work queue")


def _to_unallocated() -> str:
    """The queue's way back naming "Accepted, not yet allocated", as one `way_back=`."""
    return urlencode({WAY_BACK: way_back_query(WORK_QUEUE, [(SECTION, UNALLOCATED)])})


def intervention_page_href(request: HttpRequest, url_name: str, pk: int, *more: int) -> str:
    """From a page the intervention leads on to (changing its worker, closing it, a
    review, a session): `url_name`'s page of intervention `pk` (the intervention itself,
    or another of those) with the way back the intervention was opened with, checked
    again, so the officer lands back on the intervention still leading to the queue."""
    return with_onward(reverse(url_name, args=[pk, *more]), intervention_ways(request, pk))


def intervention_href(request: HttpRequest, pk: int) -> str:
    return intervention_page_href(request, "interventions:detail", pk)


def _queue_label(_viewer: User) -> str:
    return "Work queue"
