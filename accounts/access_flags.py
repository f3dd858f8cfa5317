"""How much of a trigger-point flag a user may see (DESIGN.md section 5). Part of the
access layer: import these through `accounts.access`.

A flag takes the highest sensitivity of its evidence. A viewer who may see that tier
at least as category and date sees the flag by name, with each piece of evidence at
their level for its own tier; anyone else sees only ADDITIONAL_FACTOR, once for all of
a young person's flags they may not name (once more for those dismissed): one factor
per flag would tell them how many there are. Flags of an indicator that needs review
reach school staff only once the taskforce confirms them.

The trigger-point app (which this layer never imports) registers a flag source with
`register_flag_source`; `flags_for` then answers for any page, export, API or task.
Flags a page already holds by id, current or not (those a notification is about), go
through `flags_shown` by the same rule. Querysets that count or filter flags in the
database use `flag_policy` instead, so the rule is still decided here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accounts.access_detail import DETAIL_BY_ROLE, DetailLevel, known_tier
from accounts.access_scope import visible_among
from accounts.roles import Role

ADDITIONAL_FACTOR = "An additional factor known to partner agencies"
JUDGEMENT_NOTICE = (
    "Trigger points are prompts for professional judgement, not decisions: "
    "they show where a conversation may be needed, never a verdict about a young person."
)


@dataclass(frozen=True)
class FlagFacts:
    """What a flag source tells the access layer about one flag; `flag` is the
    source's own object, handed back untouched."""

    flag: object
    person_id: int
    sensitivity: str
    awaiting_review: bool
    dismissed: bool = False
    cleared: bool = False
    """No longer current: only flags_shown is given such flags, never flags_for."""


@dataclass(frozen=True)
class ShownFlag:
    flag: object
    named: bool
    """False: show ADDITIONAL_FACTOR and nothing else of the flag (no name, no evidence)."""
    behind: tuple[object, ...] = ()
    """Unnamed: every flag this one additional factor stands for (`flag` is the first), for
    what must count them all without showing them (the tier's weight, a referral's
    snapshot). Named: just `flag`."""

    @property
    def flags(self) -> tuple[object, ...]:
        return self.behind or (self.flag,)


@dataclass(frozen=True)
class FlagPolicy:
    sees_flags: bool
    named_sensitivities: frozenset[str]
    """A flag of one of these sensitivities is shown by name; any other, unnamed."""
    sees_awaiting_review: bool
    """Only the taskforce sees flags that still wait for review."""
    levels: dict[str, DetailLevel]


_NOBODY = FlagPolicy(sees_flags=False, named_sensitivities=frozenset(), sees_awaiting_review=False, levels={})


def flag_policy(user: object) -> FlagPolicy:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return _NOBODY
    levels = DETAIL_BY_ROLE.get(user.role)
    if levels is None:
        return _NOBODY
    named = frozenset(s for s, level in levels.items() if level >= DetailLevel.CATEGORY_AND_DATE)
    return FlagPolicy(
        sees_flags=True,
        named_sensitivities=named,
        sees_awaiting_review=user.role == Role.TASKFORCE,
        levels=dict(levels),
    )


def names_flag(user: object, *, sensitivity: str | None, awaiting_review: bool = False) -> bool:
    """Whether the viewer sees by name a flag known only by its facts, as a snapshot on
    another record keeps them (a referral's trigger points, an outcome measure's count):
    the rule flags_for applies, with a sensitivity the snapshot does not know taken as
    the most restricted tier."""
    policy = flag_policy(user)
    if awaiting_review and not policy.sees_awaiting_review:
        return False
    return known_tier(sensitivity) in policy.named_sensitivities


FlagSource = Callable[[list[int]], Iterable[FlagFacts]]
FLAG_SOURCES: list[FlagSource] = []


def register_flag_source(source: FlagSource) -> FlagSource:
    FLAG_SOURCES.append(source)
    return source


def flags_for(user: object, people: Iterable[int]) -> dict[int, list[ShownFlag]]:
    """The current flags of each of these people the user may see, as far as they may
    see them; people outside the user's scope get nothing. The flags a user may not name
    come as one unnamed ShownFlag per person (one for the undismissed, one for the
    dismissed), after the named ones. A fixed number of queries however many people
    (each source reads its flags for all of them at once)."""
    policy = flag_policy(user)
    wanted = sorted(set(people))
    if not policy.sees_flags or not wanted:
        return {}
    allowed = sorted(visible_among(user, wanted))
    if not allowed:
        return {}
    return _shown(policy, allowed, (facts for source in FLAG_SOURCES for facts in source(allowed)))


def flags_shown(user: object, facts: Iterable[FlagFacts]) -> dict[int, list[ShownFlag]]:
    """These flags, as flags_for would show them: for flags read by id rather than by
    person (those a notification is about), some since cleared. An unnamed ShownFlag
    stands for the flags alike in being dismissed and cleared. Only people the user may
    open have an entry; one query at most however many flags."""
    policy = flag_policy(user)
    given = list(facts)
    if not policy.sees_flags or not given:
        return {}
    allowed = sorted(visible_among(user, {f.person_id for f in given}))
    return _shown(policy, allowed, given) if allowed else {}


def _shown(policy: FlagPolicy, allowed: list[int], facts: Iterable[FlagFacts]) -> dict[int, list[ShownFlag]]:
    shown: dict[int, list[ShownFlag]] = {pk: [] for pk in allowed}
    unnamed: dict[int, dict[tuple[bool, bool], list[object]]] = {pk: {} for pk in allowed}
    for one in facts:
        if one.person_id not in shown or (one.awaiting_review and not policy.sees_awaiting_review):
            continue
        if one.sensitivity in policy.named_sensitivities:
            shown[one.person_id].append(ShownFlag(flag=one.flag, named=True))
        else:
            unnamed[one.person_id].setdefault((one.dismissed, one.cleared), []).append(one.flag)
    # Flags the viewer may not name come after the others: in the indicators' order, a
    # hidden one between tp07 and tp09 would hint at which indicator it is.
    for pk, flags in shown.items():
        for _, hidden in sorted(unnamed[pk].items()):
            flags.append(ShownFlag(flag=hidden[0], named=False, behind=tuple(hidden)))
    return shown
