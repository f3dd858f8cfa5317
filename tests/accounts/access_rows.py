"""The row of expected statuses one URL answers each kind of visitor with (see
access_matrix.py for the actors and statuses)."""

from accounts.roles import Role

ACTORS = ("anonymous", *(r.value for r in Role), "other_school_head_teacher")


def row(*, anonymous: int = 302, default: int, **overrides: int) -> dict[str, int]:
    expected = dict.fromkeys(ACTORS, default)
    expected["anonymous"] = anonymous
    unknown = set(overrides) - set(ACTORS)
    if unknown:
        raise ValueError(f"Unknown actors in the access matrix: {sorted(unknown)}")
    expected.update(overrides)
    return expected
