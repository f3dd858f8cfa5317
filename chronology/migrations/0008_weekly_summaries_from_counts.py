from django.db import migrations


class Migration(migrations.Migration):
    """Weekly attendance summaries are written from AttendanceWeek when a chronology is
    shown; the event rows that held them are removed (counts were backfilled in 0004)."""

    dependencies = [("chronology", "0007_fewer_event_indexes")]

    operations = [
        migrations.RunSQL(
            "DELETE FROM chronology_event WHERE category = 'attendance_week'",
            migrations.RunSQL.noop,
        ),
    ]
