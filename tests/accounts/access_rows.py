"""The row of expected statuses one URL answers each kind of visitor with (see
access_matrix.py for the actors and statuses)."""

from accounts.roles import Role

ACTORS = ("anonymous", *(r.value for r in Role), "other_school_head_teacher")
OWN_PUPILS_ONLY = {
    "default": 403,
    "head_teacher": 200,
    "dsl": 200,
    "taskforce": 404,
    "intervention_worker": 404,
    "other_school_head_teacher": 404,
}
"""A young person's own record (their page, chronology and its exports): staff of their
school see it; the taskforce, an intervention worker and another school's head teacher
are told it does not exist (404), since the young person is not theirs."""


def row(*, anonymous: int = 302, default: int, **overrides: int) -> dict[str, int]:
    expected = dict.fromkeys(ACTORS, default)
    expected["anonymous"] = anonymous
    unknown = set(overrides) - set(ACTORS)
    if unknown:
        raise ValueError(f"Unknown actors in the access matrix: {sorted(unknown)}")
    expected.update(overrides)
    return expected
