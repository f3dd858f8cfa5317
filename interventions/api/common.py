"""What every referral and intervention endpoint shares: how a service's refusal reaches
an API client. The services decide, and their exception's class says what kind of
refusal it is (interventions.services.errors); this only says it in HTTP: a role that
may not act 403, what was sent that cannot be taken 400 (with field errors where the
service names the field), a record whose state forbids the change now, or that someone
else changed since the client read it, 409 Conflict."""

from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from interventions.selectors import MarksOutOfScope
from interventions.services.errors import ConcurrentChange, Invalid, InvalidTransition, NotAllowed
from interventions.services.referrals import ReferralInvalid
from portal.api.bodies import Body
from portal.api.views import RecordsApiView
from schools.models import Person


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record has changed, or is not in a state that allows this."
    default_code = "conflict"


class CaseApiView(RecordsApiView):
    """A RecordsApiView whose services' refusals answer in HTTP, by their class alone: the
    same refusal answers the same status on every endpoint."""

    filter_backends = []

    def handle_exception(self, exc: Exception) -> Response:
        return super().handle_exception(self._in_http(exc))

    def _in_http(self, exc: Exception) -> Exception:
        if isinstance(exc, MarksOutOfScope):
            return self._marks_refused(exc)
        if isinstance(exc, NotAllowed):
            return exceptions.PermissionDenied(str(exc))
        if isinstance(exc, ReferralInvalid):
            return exceptions.ValidationError({name: [message] for name, message in exc.problems.items()})
        if isinstance(exc, Invalid):
            return exceptions.ValidationError({"non_field_errors": [str(exc)]})
        if isinstance(exc, ConcurrentChange) and exc.version is not None:
            # The service's advice is a browser's ("reload the page"); a client reads again.
            return Conflict(
                f"{exc.happened} Read it again (its version is now {exc.version}) and decide again."
            )
        if isinstance(exc, InvalidTransition):
            return Conflict(str(exc))
        return exc

    def _marks_refused(self, exc: MarksOutOfScope) -> exceptions.ValidationError:
        """A 400 naming each mark (`attendance[1].intervention`), not a 404 for the whole
        request; in words that do not say whether the intervention exists, and each is
        logged as a refused attempt on its young person, as opening it would be."""
        for person_id in dict.fromkeys(person_id for _, person_id in exc.refused):
            self._log_refusal(person_id, "intervention out of scope")
        refused = {position for position, _ in exc.refused}
        marks = [{"intervention": [NOT_YOURS]} if n in refused else {} for n in range(exc.marks)]
        return exceptions.ValidationError({"attendance": marks})


NOT_YOURS = "Not one of the interventions you may record this session for."


class PersonBriefSerializer(serializers.ModelSerializer):
    """The young person a referral or intervention is about, as its page heads it."""

    class Meta:
        model = Person
        fields = ["id", "forename", "surname", "date_of_birth"]


class VersionSerializer(Body):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text=(
            "The version of the record you last saw (its `version`). If someone else has changed it "
            "since, the change is refused with 409 Conflict: reload it and decide again."
        ),
    )
