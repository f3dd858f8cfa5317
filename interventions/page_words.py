"""What the interventions pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
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
