"""The interventions app's API endpoints: referrals, their transitions, interventions and
sessions, through the same selectors and services as the pages (docs/interventions.md)."""
