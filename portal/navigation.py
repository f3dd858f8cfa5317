"""The header navigation, by role. Apps add their pages to NAV_ITEMS; a link is shown
only to the roles listed with it, so nobody is offered a page they may not open."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]


ALL_ROLES = frozenset(Role)

NAV_ITEMS: list[NavItem] = [
    NavItem("Home", "home", ALL_ROLES),
    NavItem("Work queue", "referrals:queue", frozenset({Role.TASKFORCE})),
    NavItem(
        "Young people",
        "young_person_list",
        frozenset({Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE, Role.INTERVENTION_WORKER}),
    ),
    NavItem("Trigger points", "trigger_points:dashboard", frozenset({Role.HEAD_TEACHER, Role.DSL})),
    NavItem("Flagged pupils", "trigger_points:flagged", frozenset({Role.HEAD_TEACHER, Role.DSL})),
    NavItem("City overview", "trigger_points:city", frozenset({Role.TASKFORCE})),
    NavItem("Fairness", "trigger_points:fairness", frozenset({Role.TASKFORCE, Role.IG_OFFICER})),
    NavItem("Referrals", "referrals:list", frozenset({Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE})),
    NavItem("Interventions", "interventions:list", frozenset({Role.TASKFORCE, Role.INTERVENTION_WORKER})),
    NavItem("Access log", "access_log:index", frozenset({Role.IG_OFFICER})),
    NavItem("Data feeds", "chronology:index", frozenset({Role.DATA_OFFICER})),
    NavItem("Review queue", "chronology:review_queue", frozenset({Role.DATA_OFFICER})),
    NavItem(
        "Feed health", "stewardship:health", frozenset({Role.DATA_OFFICER, Role.IG_OFFICER, Role.TASKFORCE})
    ),
    NavItem("Retention", "stewardship:retention", frozenset({Role.IG_OFFICER})),
    NavItem(
        "Feed register",
        "chronology:register",
        frozenset({Role.ADMINISTRATOR, Role.IG_OFFICER, Role.DATA_OFFICER}),
    ),
    NavItem("Trigger points to review", "risk:review_queue", frozenset({Role.TASKFORCE})),
    NavItem(
        "Indicators", "risk:indicators", frozenset({Role.ADMINISTRATOR, Role.TASKFORCE, Role.IG_OFFICER})
    ),
    NavItem("API tokens", "api_tokens:index", frozenset({Role.ADMINISTRATOR})),
]


def navigation_for(request: HttpRequest) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_verified", lambda: True)():
        return []
    role = user.role
    current = request.path
    items = [
        {"label": item.label, "href": reverse(item.url_name), "active": False}
        for item in NAV_ITEMS
        if role in item.roles
    ]
    within = [i for i in items if _under(current, i["href"])]
    if within:
        max(within, key=lambda i: len(i["href"]))["active"] = True
    return items


def _under(path: str, href: str) -> bool:
    """Whether the page is the link's or one below it. Only the closest such link is
    current: on /referrals/queue/ the work queue, not Referrals as well."""
    return path == href if href == "/" else path.startswith(href)
