"""The one registry of permission names. Views and services refer to these constants,
never to permission strings, so a rename is one edit and a typo is an ImportError.

Object permissions decide scope (which school's pupils, which allocated young person);
role model permissions decide what a role may do at all. No role holds a school or
person permission as a model (global) permission: that would mean "every school"."""

from accounts.roles import Role

VIEW_SCHOOL_PUPILS = "schools.view_school_pupils"
"""On a School: see the pupils whose current enrolment is there. Held by per-school groups."""

VIEW_PERSON_RECORD = "schools.view_person_record"
"""On a Person: see this young person's record (an allocated worker's exception)."""

OBJECT_PERMISSIONS = frozenset({VIEW_SCHOOL_PUPILS, VIEW_PERSON_RECORD})

_READ_CHILD_RECORDS = (
    "schools.view_school",
    "schools.view_person",
    "schools.view_enrolment",
    "schools.view_family",
    "schools.view_familymember",
    "chronology.view_event",
)

_REFER = ("interventions.view_referral", "interventions.add_referral")
_RECORD_SESSIONS = (
    "interventions.view_intervention",
    "interventions.change_intervention",
    "interventions.view_session",
    "interventions.add_session",
    "interventions.view_measure",
)

ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.HEAD_TEACHER: (*_READ_CHILD_RECORDS, *_REFER),
    Role.DSL: (*_READ_CHILD_RECORDS, *_REFER),
    Role.TASKFORCE: (
        *_READ_CHILD_RECORDS,
        "accounts.add_breakglass",
        *_REFER,
        "interventions.change_referral",
        "interventions.add_intervention",
        *_RECORD_SESSIONS,
    ),
    Role.INTERVENTION_WORKER: (*_READ_CHILD_RECORDS, *_RECORD_SESSIONS),
    Role.IG_OFFICER: (
        "accounts.view_accesslogentry",
        "accounts.view_accesslogsubject",
        "accounts.view_breakglass",
        "accounts.view_changelogentry",
        "chronology.view_feed",
    ),
    Role.DATA_OFFICER: (
        "schools.view_person",
        "schools.view_school",
        "chronology.view_feed",
        "chronology.view_feedrun",
        "chronology.add_feedrun",
        "chronology.view_rejectedrow",
        "chronology.view_sourcerecord",
    ),
    Role.ADMINISTRATOR: (
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_schoolassignment",
        "accounts.add_schoolassignment",
        "accounts.delete_schoolassignment",
        "schools.view_school",
        "schools.add_school",
        "schools.change_school",
        "chronology.view_feed",
        "chronology.add_feed",
        "chronology.change_feed",
        "interventions.view_programme",
        "interventions.add_programme",
        "interventions.change_programme",
        # Clearing a lockout for someone who rings the service desk: the attempts are
        # deleted, the failures stay on record (docs/security.md).
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
    ),
}
