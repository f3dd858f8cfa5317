"""What the interventions pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "api:referral-list": "The API, the list of referrals, or making a referral",
        "api:referral-detail": "The API, one referral with its history, or changing a draft",
        "api:referral-send": "The API, sending a draft referral",
        "api:referral-accept": "The API, accepting a referral",
        "api:referral-decline": "The API, declining a referral",
        "api:referral-ask": "The API, asking a referrer for more information",
        "api:referral-add-information": "The API, adding to a sent referral",
        "api:referral-allocate": "The API, allocating an intervention to a referral",
        "api:intervention-list": "The API, the list of interventions",
        "api:intervention-detail": "The API, one intervention with its sessions and outcomes",
        "api:intervention-session-create": "The API, recording a session",
        "api:intervention-review": "The API, reviewing an intervention",
        "api:intervention-close": "The API, closing an intervention",
        "api:intervention-change-worker": "The API, changing an intervention's worker",
        "interventions:analysts_csv": "The pseudonymised interventions export for analysts",
        "interventions:close": "Closing an intervention",
        "interventions:detail": "One intervention, with its sessions and outcomes",
        "interventions:group_session": "Recording a group session",
        "interventions:list": "The list of interventions",
        "interventions:review": "Reviewing an intervention",
        "interventions:scorecards": "The referral and intervention scorecards",
        "interventions:scorecards_csv": "The referral and intervention scorecards, downloaded",
        "interventions:session": "Recording an individual session",
        "interventions:worker": "Changing an intervention's worker",
        "referrals:add": "Adding to a sent referral",
        "referrals:allocate": "Allocating an intervention to a referral",
        "referrals:detail": "One referral, with its history",
        "referrals:edit": "Editing a draft referral",
        "referrals:list": "The list of referrals",
        "referrals:new": "Making a referral",
        "referrals:queue": "The taskforce's work queue",
        "referrals:send": "Sending a draft referral",
        "referrals:triage": "Triage of a referral (accept, decline or ask)",
    }
)
