"""How to open, successfully, each view of information governance that names people: the
access log's searches, histories and anomalies (pages and API) and retention's legal
holds. Part of the URL walk's register (record_views.py)."""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry, User
from accounts.roles import Role
from stewardship.services.holds import legal_hold_set
from tests.accounts.record_request import Kind, RecordRequest
from tests.factories import (
    AccessLogEntryFactory,
    BreakGlassFactory,
    PersonFactory,
    UserFactory,
)
from tests.factories.access import user_with_role


def _ig_with_logged_child() -> tuple[User, object, User]:
    child = PersonFactory(forename="Walkabout", surname="Childname")
    seer = UserFactory(role=Role.DSL)
    AccessLogEntryFactory(actor=seer, persons=[child])
    return UserFactory(role=Role.IG_OFFICER), child, seer


def _entries() -> RecordRequest:
    ig, child, seer = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:entries") + "?person=Childname", {child.pk}, Kind.SEARCH)


def _people() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:people") + "?name=Walkabout", {child.pk}, Kind.SEARCH)


def _person_history() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:person_history", args=[child.pk]), {child.pk}, Kind.VIEW)


def _person_history_csv() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(
        ig, reverse("access_log:person_history_csv", args=[child.pk]), {child.pk}, Kind.EXPORT
    )


def _user_history() -> RecordRequest:
    ig, child, seer = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:user_history", args=[seer.pk]), {child.pk}, Kind.LIST)


def _break_glass_anomaly() -> tuple[User, object, AccessLogEntry]:
    grant = BreakGlassFactory(person=PersonFactory(forename="Walkabout", surname="Childname"))
    entry = AccessLogEntryFactory(actor=grant.user, persons=[grant.person], break_glass=grant)
    return UserFactory(role=Role.IG_OFFICER), grant.person, entry


def _anomalies() -> RecordRequest:
    ig, child, _ = _break_glass_anomaly()
    return RecordRequest(ig, reverse("access_log:anomalies"), {child.pk}, Kind.LIST)


def _anomaly_review() -> RecordRequest:
    ig, child, entry = _break_glass_anomaly()
    url = reverse("access_log:anomaly_review", args=[f"break_glass:{entry.pk}"])
    return RecordRequest(ig, url, {child.pk}, Kind.VIEW)


def _api_access_log() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("api:access-log-list") + f"?person={child.pk}", {child.pk}, Kind.SEARCH)


def _api_person_access_log() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("api:person-access-log", args=[child.pk]), {child.pk}, Kind.VIEW)


def _retention() -> RecordRequest:
    ig = user_with_role(Role.IG_OFFICER)
    child = PersonFactory(forename="Walkabout", surname="Childname")
    legal_hold_set(by=ig, person=child, reason="A claim", ends_on=timezone.localdate())
    return RecordRequest(ig, reverse("stewardship:retention"), {child.pk}, Kind.LIST)


def _hold_release() -> RecordRequest:
    ig = user_with_role(Role.IG_OFFICER)
    child = PersonFactory(forename="Walkabout", surname="Childname")
    hold = legal_hold_set(by=ig, person=child, reason="A claim", ends_on=timezone.localdate())
    return RecordRequest(ig, reverse("stewardship:hold_release", args=[hold.pk]), {child.pk}, Kind.VIEW)


OVERSIGHT_VIEWS: dict[str, Callable[[], RecordRequest]] = {
    "api:access-log-list": _api_access_log,
    "api:person-access-log": _api_person_access_log,
    "stewardship:retention": _retention,
    "stewardship:hold_release": _hold_release,
    "access_log:entries": _entries,
    "access_log:people": _people,
    "access_log:person_history": _person_history,
    "access_log:person_history_csv": _person_history_csv,
    "access_log:user_history": _user_history,
    "access_log:anomalies": _anomalies,
    "access_log:anomaly_review": _anomaly_review,
}
