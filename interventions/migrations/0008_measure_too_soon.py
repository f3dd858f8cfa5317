"""The period since the start counted the week the intervention started in, and with it
marks from before the start: an intervention started on a Sunday and closed the same day
was shown "40% over 1 school week", the week that had ended before it, and counted in
the scorecards as not improved. Measures since the start now count only school weeks
that begin on or after the start day and whose Friday has come by the measuring day
(interventions.measures), and one taken before any such week has passed is too_soon.

Measures already taken are marked too_soon by the same rule, and their attendance is
counted again from the register's weeks in the new window; nothing else in them is
retaken. Baselines are left as they are: they counted only weeks before the start."""

from datetime import timedelta

from django.db import migrations, models
from django.db.models import F

FRIDAY = timedelta(days=4)


def _first_measurable(start):
    return start + timedelta(days=-start.weekday() % 7) + FRIDAY


def retake_since_the_start(apps, schema_editor) -> None:
    Measure = apps.get_model("interventions", "Measure")
    AttendanceWeek = apps.get_model("chronology", "AttendanceWeek")
    later = Measure.objects.exclude(point="baseline").select_related("intervention")
    for measure in later.iterator():
        start = measure.intervention.start_date
        weeks = list(
            AttendanceWeek.objects.filter(
                person_id=measure.intervention.young_person_id,
                week__gte=start,
                week__lte=measure.measured_on - FRIDAY,
            )
            .annotate(
                possible=F("present") + F("attending") + F("authorised") + F("unauthorised"),
                attended=F("present") + F("attending"),
            )
            .filter(possible__gt=0)
        )
        measure.too_soon = measure.measured_on < _first_measurable(start)
        measure.attendance_from = min((w.week for w in weeks), default=None)
        measure.attendance_to = max((w.week + FRIDAY for w in weeks), default=None)
        measure.school_weeks = len(weeks)
        measure.sessions_attended = sum(w.attended for w in weeks)
        measure.sessions_possible = sum(w.possible for w in weeks)
        measure.save(
            update_fields=[
                "too_soon",
                "attendance_from",
                "attendance_to",
                "school_weeks",
                "sessions_attended",
                "sessions_possible",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0007_measure_reviewed_on"),
        ("chronology", "0004_attendance_weeks"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="too_soon",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Taken before a whole school week since the start had passed (measures.first_measurable): "
                    "nothing since the start to set beside the baseline, so it is shown as not measured and "
                    "left out of the scorecards."
                ),
            ),
        ),
        migrations.RunPython(retake_since_the_start, migrations.RunPython.noop),
    ]
