"""Suspensions already imported read their reasons as the feed's codes, "Suspension for 4
sessions (DB, BU)", until their row was sent again. Each one whose summary is still the
importer's coded wording is written again from its details, in the national words the
importer now writes (`suspension_summary`); a summary in any other wording (one written
by hand or by the demo) is left as it is."""

from django.db import migrations

from chronology.importing.events import suspension_summary

CATEGORIES = {"suspension": "SUSP", "permanent_exclusion": "PERM", "lunchtime_suspension": "LNCH"}
BATCH = 2000


def _coded(label: str, sessions: int | None, reasons: list[str]) -> str:
    """The summary as the importer wrote it before."""
    length = f" for {sessions} session{'s' if sessions != 1 else ''}" if sessions else ""
    return f"{label}{length} ({', '.join(reasons)})"


def reasons_in_words(apps, schema_editor) -> None:
    Event = apps.get_model("chronology", "Event")
    labels = {"SUSP": "Suspension", "PERM": "Permanent exclusion", "LNCH": "Lunchtime suspension"}
    events = Event.objects.filter(category__in=sorted(CATEGORIES)).only(
        "pk", "category", "summary", "details"
    )
    changed = []
    for event in events.order_by("pk").iterator(chunk_size=BATCH):
        details = event.details or {}
        reasons, sessions = details.get("reasons") or [], details.get("sessions")
        code = CATEGORIES[event.category]
        if reasons and event.summary == _coded(labels[code], sessions, reasons):
            event.summary = suspension_summary(code, sessions, reasons)
            changed.append(event)
        if len(changed) >= BATCH:
            Event.objects.bulk_update(changed, ["summary"])
            changed = []
    Event.objects.bulk_update(changed, ["summary"])


class Migration(migrations.Migration):
    dependencies = [("chronology", "0022_run_rows_past_retention")]

    operations = [migrations.RunPython(reasons_in_words, migrations.RunPython.noop)]
