"""The programmes the SAFE taskforce offers from the start; administrators add more."""

from django.db import migrations

DEFAULT_PROGRAMMES = (
    ("Group work", "group"),
    ("One-to-one mentoring", "one_to_one"),
    ("CAMHS (specialist referral)", "specialist"),
    ("Speech and language therapy (specialist referral)", "specialist"),
    ("Family support", "family"),
    ("Diversionary activity", "diversionary"),
)


def add_programmes(apps, schema_editor):
    programme = apps.get_model("interventions", "Programme")
    for name, kind in DEFAULT_PROGRAMMES:
        programme.objects.get_or_create(name=name, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("interventions", "0001_referrals_and_interventions")]

    operations = [migrations.RunPython(add_programmes, migrations.RunPython.noop)]
