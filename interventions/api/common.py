"""What every referral and intervention endpoint shares: how a service's refusal reaches
an API client. The services decide; this only says it in HTTP: a role that may not act
403, invalid input 400 with field errors, a change that lost a race with someone else's
(or, on a transition, a record whose state no longer allows it) 409 Conflict."""

from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from interventions.services.errors import ConcurrentChange, InvalidTransition, NotAllowed, StateForbids
from interventions.services.referrals import ReferralInvalid
from portal.api.views import RecordsApiView
from schools.models import Person


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record has changed, or is not in a state that allows this."
    default_code = "conflict"


class CaseApiView(RecordsApiView):
    """A RecordsApiView whose services' refusals answer in HTTP. `invalid_status` is what
    an InvalidTransition answers: 409 on a transition (the record's state forbids it),
    400 where the refusal is about what was sent (a session's date, an allocation)."""

    invalid_status = status.HTTP_409_CONFLICT
    filter_backends = []

    def handle_exception(self, exc: Exception) -> Response:
        return super().handle_exception(self._in_http(exc))

    def _in_http(self, exc: Exception) -> Exception:
        if isinstance(exc, NotAllowed):
            return exceptions.PermissionDenied(str(exc))
        if isinstance(exc, ReferralInvalid):
            return exceptions.ValidationError({name: [message] for name, message in exc.problems.items()})
        if isinstance(exc, ConcurrentChange | StateForbids):
            return Conflict(str(exc))
        if isinstance(exc, InvalidTransition):
            if self.invalid_status == status.HTTP_409_CONFLICT:
                return Conflict(str(exc))
            return exceptions.ValidationError({"non_field_errors": [str(exc)]})
        return exc


class PersonBriefSerializer(serializers.ModelSerializer):
    """The young person a referral or intervention is about, as its page heads it."""

    class Meta:
        model = Person
        fields = ["id", "forename", "surname", "date_of_birth"]


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=(
            "The version of the record you last saw (its `version`). If someone else has changed it "
            "since, the change is refused with 409 Conflict: reload it and decide again."
        ),
    )
