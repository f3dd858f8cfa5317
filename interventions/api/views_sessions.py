"""One recorded session through the API: reading it with its history, correcting it
(PATCH) and withdrawing it, through the same selectors and services as the session
pages. Changes carry the session's version; a stale one, or a session whose state no
longer allows the change (withdrawn, or of a closed intervention), answers 409."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import AccessLogEntry
from interventions.api import serializers_sessions as s
from interventions.api.common import CaseApiView
from interventions.api.views_interventions import REFUSALS, WHO, WORKERS
from interventions.models import Intervention, Session
from interventions.selectors import intervention_for_request, interventions_named
from interventions.selectors_sessions import session_for_request, session_reread, session_shown
from interventions.services.session_corrections import Correction, session_correct, session_withdraw
from interventions.services.sessions import Mark

LOGS = "Writes one access-log entry naming every young person in the answer."


class SessionApiView(CaseApiView):
    allowed_roles = WORKERS

    def opened(self, request: Request, pk: int, sid: int) -> tuple[Intervention, Session]:
        intervention = intervention_for_request(request, pk)
        return intervention, session_for_request(intervention, sid)

    def shown(self, request: Request, session: Session) -> Response:
        """The session as it now is, read afresh, with the access-log entry for it."""
        fresh = session_reread(session)
        fresh.shown = session_shown(request.user, fresh)
        data = s.SessionDetailSerializer(fresh, context=self.get_serializer_context()).data
        self.log_shown(kind=AccessLogEntry.Kind.VIEW, person_ids=fresh.shown.person_ids)
        return Response(data)


def _named(
    request: Request, pk: int, intervention: Intervention, marks: list[dict]
) -> dict[int, Intervention]:
    """The interventions a correction names, each one the caller may open: one they may
    not is a 400 naming the mark, and logged as refused, as recording a session does."""
    wanted = [m.get("intervention", pk) for m in marks]
    return interventions_named(request.user, opened=intervention, wanted=wanted)


@extend_schema(
    tags=["interventions"],
    summary="A session, or correct it",
    request=s.SessionCorrectionSerializer,
    responses={200: s.SessionDetailSerializer, **REFUSALS},
    description=(
        "GET: one session recorded for this intervention, with the young people in it you may see "
        "(others only counted) and its history. PATCH: correct it, with a reason kept in its history: "
        "its date or kind (only if you may record for everyone still in it), and the attendance or note of "
        'the young people you name (status "removed" takes one out; a group session can add one of '
        "your young people in the programme). Sessions of a closed intervention, or withdrawn ones, "
        f"answer 409. {WHO}. {LOGS}"
    ),
)
class SessionDetail(SessionApiView):
    serializer_class = s.SessionCorrectionSerializer

    @extend_schema(request=None, responses={200: s.SessionDetailSerializer, 404: REFUSALS[404]})
    def get(self, request: Request, pk: int, sid: int) -> Response:
        _, session = self.opened(request, pk, sid)
        return self.shown(request, session)

    def patch(self, request: Request, pk: int, sid: int) -> Response:
        intervention, session = self.opened(request, pk, sid)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        marks = data.get("attendance", [])
        found = _named(request, pk, intervention, marks)
        session_correct(
            by=request.user,
            session=session,
            correction=Correction(
                day=data.get("date"),
                kind=data.get("kind"),
                marks=tuple(
                    Mark(intervention=found[m.get("intervention", pk)], status=m["status"], note=m["note"])
                    for m in marks
                ),
            ),
            reason=data["reason"],
            expected_version=data["version"],
        )
        return self.shown(request, session)


@extend_schema(
    tags=["interventions"],
    summary="Withdraw a session recorded in error",
    request=s.SessionWithdrawSerializer,
    responses={200: s.SessionDetailSerializer, **REFUSALS},
    description=(
        "Withdraw a session recorded in error (twice, or on a day nobody met), with a reason: it stays "
        "in its history and the young people's chronologies, marked withdrawn, and no longer counts. "
        "Only for a caller who may record for everyone still in it; a closed intervention's session, or one "
        f"already withdrawn, answers 409. {WHO}. {LOGS}"
    ),
)
class SessionWithdraw(SessionApiView):
    serializer_class = s.SessionWithdrawSerializer

    def post(self, request: Request, pk: int, sid: int) -> Response:
        _, session = self.opened(request, pk, sid)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        session_withdraw(
            by=request.user,
            session=session,
            reason=body.validated_data["reason"],
            expected_version=body.validated_data["version"],
        )
        return self.shown(request, session)
