"""Outcome measures counted restricted information (CAMHS acceptances from the health
feed) and trigger points awaiting review into figures an intervention worker reads. Each
measure now keeps what its counts are made of, per source (a feed, the sessions, each
flag) and sensitivity tier, so a viewer is shown only what they may see; the counts
themselves stay whole for the taskforce.

Measures taken before are snapshots whose parts cannot all be known. A count of nought
has none. An event count (specialist support with its sessions) is counted again from
today's data by feed and tier, and kept only if that recount comes to the snapshot's
figure; otherwise, and for open trigger points above nought (which flags they were is
not known), the parts stay unknown and the count is withheld from anyone who does not
see every tier."""

from django.db import migrations, models
from django.db.models import Count, Q

SUSPECT_ROLES = ("suspect", "arrested")
EVENT_COUNTS = {
    "suspensions": Q(category__in=("suspension", "permanent_exclusion", "lunchtime_suspension")),
    "police_incidents_as_suspect": Q(category="police_incident", details__role__in=SUSPECT_ROLES),
    "asb_reports": Q(category="police_incident", details__offence_group="anti_social_behaviour"),
    "missing_episodes": Q(category="missing_episode"),
    "specialist_support": Q(category="health_camhs_accepted"),
}
SESSIONS = "sessions"
SESSION_SENSITIVITY = "partner"
AWAITING_REVIEW = "open_trigger_points_awaiting_review"


def _recount(apps, measure, person_id: int) -> dict[str, dict[str, int]]:
    Event = apps.get_model("chronology", "Event")
    Attendance = apps.get_model("interventions", "Attendance")
    window = {"occurred_on__gte": measure.events_from, "occurred_on__lte": measure.events_to}
    groups = (
        Event.objects.filter(person_id=person_id, **window)
        .order_by()
        .values("feed__code", "sensitivity")
        .annotate(**{name: Count("pk", filter=q) for name, q in EVENT_COUNTS.items()})
    )
    parts = {name: {} for name in EVENT_COUNTS}
    for group in groups:
        for name in EVENT_COUNTS:
            if group[name]:
                parts[name].setdefault(group["feed__code"], {})[group["sensitivity"]] = group[name]
    sessions = Attendance.objects.filter(
        intervention__young_person_id=person_id,
        intervention__programme__kind="specialist",
        status="attended",
        withdrawn=False,
        session__date__gte=measure.events_from,
        session__date__lte=measure.events_to,
    ).count()
    if sessions:
        parts["specialist_support"][SESSIONS] = {SESSION_SENSITIVITY: sessions}
    return parts


def keep_parts(apps, schema_editor) -> None:
    Measure = apps.get_model("interventions", "Measure")
    changed = []
    for measure in Measure.objects.select_related("intervention").iterator():
        parts = {}
        if any(getattr(measure, name) for name in EVENT_COUNTS):
            recounted = _recount(apps, measure, measure.intervention.young_person_id)
        else:
            recounted = {name: {} for name in EVENT_COUNTS}
        for name, sources in recounted.items():
            if sum(sum(tiers.values()) for tiers in sources.values()) == getattr(measure, name):
                parts[name] = sources
        if measure.open_trigger_points == 0:
            parts["open_trigger_points"] = parts[AWAITING_REVIEW] = {}
        measure.by_sensitivity = parts
        changed.append(measure)
    Measure.objects.bulk_update(changed, ["by_sensitivity"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("chronology", "0022_run_rows_past_retention"),
        ("interventions", "0004_referral_trigger_points_keep_sensitivity"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="by_sensitivity",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "What each count above is made of: count name -> {source: {sensitivity: how many}}, a "
                    "source being a feed's code, 'sessions' or 'flag:<id>' (open trigger points awaiting "
                    "review apart). The counts are whole, for the taskforce; anyone else is shown only the "
                    "tiers they may see (interventions.measures_seen). A count missing here has parts not "
                    "known."
                ),
            ),
        ),
        migrations.RunPython(keep_parts, migrations.RunPython.noop),
    ]
