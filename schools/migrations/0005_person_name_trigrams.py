"""On PostgreSQL, a trigram index on the folded names that searches match, so that a
search finds its few people by index rather than reading all of them: `LIKE '%shep%'`
over the 166,000 people of the bench city took 30-60 ms a scan, and a taskforce search
scanned twice (its matches, then the break-glass candidates). pg_trgm is a trusted
extension (PostgreSQL 13 and later), so the portal's database owner may create it
without being a superuser. SQLite, the demo's database, has no such index and needs
none at its size; the model does not declare it, so both databases share one model."""

from django.db import migrations

INDEX = "person_name_key_trigrams"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON schools_person USING gin (name_key gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("schools", "0004_person_name_key")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
