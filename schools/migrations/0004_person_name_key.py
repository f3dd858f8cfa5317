"""Every person gets the folded form of their names that searches match (see
schools/name_folding.py), computed in Python so that PostgreSQL and the SQLite demo
hold the same keys."""

from django.db import migrations, models

from schools.name_folding import name_key

BATCH = 2000


def fill_keys(apps, schema_editor):
    people = apps.get_model("schools", "Person").objects
    batch = []
    for person in people.only("pk", "forename", "surname").iterator(chunk_size=BATCH):
        person.name_key = name_key(person.forename, person.surname)
        batch.append(person)
        if len(batch) == BATCH:
            people.bulk_update(batch, ["name_key"])
            batch = []
    people.bulk_update(batch, ["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0003_person_grant_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_key",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Both names folded for searching (schools/name_folding.py); kept by save().",
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
