"""The indicator library: administrators compose indicators from rule types without
code. Every edit adds a version (flags keep the one that raised them); switches turn
one indicator, or every trigger point in the portal, off."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef

from accounts.models import User
from accounts.services.change_log import acting_as, actor_name, when_words
from chronology.models import Feed, Sensitivity
from risk.models import Flag, FlagSettings, Indicator, IndicatorVersion
from risk.models.flags import ClearedBecause
from risk.rules.params import clean_rules
from risk.services.defaults import DEFAULT_TRIGGER_POINTS
from risk.services.version_changes import RULE_SHAPED, what_changed

CHANGE_NOTE_REQUIRED = "Enter what changed and why"
NOTHING_CHANGED = "Nothing has changed: change the rule, its wording or its weight to make a new version"
DESCRIPTION_UNCHANGED = (
    "You changed the rules but not the description: change the description to say what the "
    "rules now do, or tick “The description still holds”"
)


class StaleVersion(ValidationError):
    """A version made on an older one than the latest: `latest` is the latest's number, so
    the page can offer the editor's version to be saved after it."""

    def __init__(self, message: str, *, latest: int) -> None:
        super().__init__(message, code="stale")
        self.latest = latest


def stale_version(code: str, latest: IndicatorVersion, based_on: int | None) -> StaleVersion | None:
    """Why a version based on version `based_on` would overwrite `latest`, if it would."""
    if based_on is None or latest.number == based_on:
        return None
    return StaleVersion(
        f"{actor_name(latest.created_by)} saved version {latest.number} of {code} "
        f"{when_words(latest.created_at)} since you opened this page.",
        latest=latest.number,
    )


def refusal(changed: set[str], *, description_still_holds: bool) -> ValidationError | None:
    """Why a version changing `changed` may not be saved, if it may not: the service's
    check before saving, and the edit page's before asking what changed and why."""
    if not changed:
        return ValidationError(NOTHING_CHANGED, code="unchanged")
    if changed & RULE_SHAPED and "description" not in changed and not description_still_holds:
        return ValidationError(
            {"description": ValidationError(DESCRIPTION_UNCHANGED, code="description_unchanged")}
        )
    return None


def code_in_use(code: str) -> str:
    return f"{code} is already an indicator: edit it to change it."


def may_show_restricted(rules: list[dict]) -> bool:
    """Whether any rule can rest on a feed whose records are restricted: such an
    indicator needs review before schools see its flags, unless an administrator
    decides otherwise."""
    from risk.services.computing import rule_feeds

    feeds = set().union(*(rule_feeds(rule) for rule in rules))
    return Feed.objects.filter(code__in=feeds, default_sensitivity=Sensitivity.RESTRICTED).exists()


@transaction.atomic
def indicator_version_add(
    *,
    by: User | None,
    indicator: Indicator,
    name: str,
    description: str,
    rules: list[dict],
    weight: int,
    needs_review: bool,
    change_note: str,
    stronger_at: int | None = None,
    based_on: int | None = None,
    description_still_holds: bool = False,
) -> IndicatorVersion:
    """A new version of the indicator; its current flags keep the version that raised them.
    `change_note` is required: a version is a governance record, and one without a reason
    cannot be accounted for. `based_on`, the version the editor saw: a later one saved
    meanwhile by a colleague is refused rather than silently replaced by a version made
    without it. A version that changes nothing the latest holds is refused: the same form
    sent twice made two identical versions, a history of changes that never happened.
    Rules changed under the same description are refused unless `description_still_holds`:
    users read the description, and one still saying 90% after the rule became 85% told
    them the old rule."""
    if not change_note.strip():
        raise ValidationError({"change_note": CHANGE_NOTE_REQUIRED})
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    latest = locked.versions.order_by("-number").select_related("created_by").first()
    if latest is not None and (stale := stale_version(locked.code, latest, based_on)):
        raise stale
    version = {
        "name": name.strip(),
        "description": description.strip(),
        "rules": clean_rules(rules),
        "weight": weight,
        "needs_review": needs_review,
        "stronger_at": stronger_at,
    }
    if latest is not None:
        refused = refusal(what_changed(latest, **version), description_still_holds=description_still_holds)
        if refused:
            raise refused
    number = (latest.number if latest else 0) + 1
    return IndicatorVersion.objects.create(
        indicator=locked,
        number=number,
        **version,
        change_note=change_note.strip(),
        created_by=by,
    )


@transaction.atomic
def indicator_create(
    *,
    by: User | None,
    code: str,
    name: str,
    description: str,
    rules: list[dict],
    weight: int,
    needs_review: bool | None = None,
    stronger_at: int | None = None,
    position: int | None = None,
) -> Indicator:
    """needs_review None: on when the rules can rest on restricted records. A code in
    use is refused in words: codes are stable, so a new indicator never takes one."""
    cleaned = clean_rules(rules)
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": code_in_use(code)})
    if position is None:
        position = (Indicator.objects.aggregate(p=Max("position"))["p"] or 0) + 1
    try:
        with transaction.atomic():
            indicator = Indicator.objects.create(code=code, position=position)
    except IntegrityError:
        # The same code created by a colleague (or a second click) at the same moment.
        raise ValidationError({"code": code_in_use(code)}) from None
    indicator.full_clean()
    indicator_version_add(
        by=by,
        indicator=indicator,
        name=name,
        description=description,
        rules=cleaned,
        weight=weight,
        needs_review=may_show_restricted(cleaned) if needs_review is None else needs_review,
        stronger_at=stronger_at,
        change_note="Created",
    )
    return indicator


@transaction.atomic
def indicator_switch(*, by: User | None, indicator: Indicator, enabled: bool) -> Indicator:
    """Off: no new flags, and the next computation clears its current ones. On again:
    each young person's dismissed flag that the switch cleared stands again, so the next
    computation keeps it dismissed unless new evidence has arrived; raised afresh, it
    would come back without any."""
    indicator.enabled = enabled
    with acting_as(by):
        indicator.save(update_fields=["enabled"])
    if enabled:
        later = Flag.objects.filter(indicator=indicator, person=OuterRef("person"), pk__gt=OuterRef("pk"))
        Flag.objects.filter(
            indicator=indicator, cleared_because=ClearedBecause.INDICATOR_OFF, dismissed_at__isnull=False
        ).exclude(Exists(later)).update(cleared_at=None, cleared_because="")
    return indicator


@transaction.atomic
def flags_switch(*, by: User | None, enabled: bool) -> FlagSettings:
    settings, _ = FlagSettings.objects.get_or_create(pk=1)
    settings.flags_enabled = enabled
    with acting_as(by):
        settings.save(update_fields=["flags_enabled", "updated_at"])
    return settings


@transaction.atomic
def install_default_indicators(*, by: User | None = None) -> list[Indicator]:
    """Installs whichever of tp01-tp16 are missing, in FEEDS.md's order; an indicator
    already there is left as it is (an administrator may have edited it). Returns the
    ones installed, so running it again installs nothing."""
    existing = set(Indicator.objects.values_list("code", flat=True))
    installed = []
    for position, spec in enumerate(DEFAULT_TRIGGER_POINTS, start=1):
        if spec["code"] in existing:
            continue
        installed.append(
            indicator_create(
                by=by,
                code=spec["code"],
                name=spec["name"],
                description=spec["description"],
                rules=spec["rules"],
                weight=spec["weight"],
                stronger_at=spec.get("stronger_at"),
                position=position,
            )
        )
    return installed
