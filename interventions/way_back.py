"""The referral and intervention pages a young person's page can lead back to. The
taskforce opens a referral from its work queue (to triage it, or to see one awaiting the
referrer's answer) and an intervention from the queue's reviews due; each names the
young person, and their page's back link returns to the page it was opened from, not
to the young-people list (schools/back_links.py, where these register)."""

from schools.back_links import register_list_origin, way_back_query

INTERVENTION = "intervention"
REFERRAL = "referral"
TRIAGE = "referral-triage"
PAGES = {
    INTERVENTION: ("interventions:detail", "Back to the intervention"),
    REFERRAL: ("referrals:detail", "Back to the referral"),
    TRIAGE: ("referrals:triage", "Back to the referral"),
}


def register_way_back_pages() -> None:
    for code, (url_name, label) in PAGES.items():
        register_list_origin(
            code=code, url_name=url_name, label=lambda _viewer, said=label: said, params=(), keyed=True
        )


def person_way_back(code: str, pk: int) -> str:
    """The query string for the page's link to its young person (`code` of PAGES)."""
    return way_back_query(code, [], record=pk)
