"""Referrals kept their trigger points as the words the referrer saw, so a DSL's referral
showed a restricted indicator's name to the school's head teacher. They now keep each
flag's facts, and every reader sees them at their own level.

What a stored name's sensitivity was cannot be known now, so each one fails closed: it is
kept as restricted, shown by name only to those who may see restricted information (DSLs
and the taskforce), and as "an additional factor known to partner agencies" to anyone
else. A stored "additional factor" keeps no name at all."""

from django.db import migrations, models

ADDITIONAL_FACTOR = "An additional factor known to partner agencies"
RESTRICTED = "restricted"


def _kept(label: str) -> dict:
    return {
        "code": "",
        "name": "" if label == ADDITIONAL_FACTOR else label,
        "sensitivity": RESTRICTED,
        "awaiting_review": False,
    }


def keep_facts(apps, schema_editor) -> None:
    Referral = apps.get_model("interventions", "Referral")
    changed = []
    for referral in Referral.objects.exclude(trigger_points=[]).only("pk", "trigger_points").iterator():
        points = [_kept(p) if isinstance(p, str) else p for p in referral.trigger_points]
        if points != referral.trigger_points:
            referral.trigger_points = points
            changed.append(referral)
    Referral.objects.bulk_update(changed, ["trigger_points"], batch_size=500)


def back_to_words(apps, schema_editor) -> None:
    Referral = apps.get_model("interventions", "Referral")
    changed = []
    for referral in Referral.objects.exclude(trigger_points=[]).only("pk", "trigger_points").iterator():
        words = [
            p if isinstance(p, str) else (p.get("name") or ADDITIONAL_FACTOR) for p in referral.trigger_points
        ]
        referral.trigger_points = list(dict.fromkeys(words))
        changed.append(referral)
    Referral.objects.bulk_update(changed, ["trigger_points"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0003_session_corrections"),
    ]

    operations = [
        migrations.AlterField(
            model_name="referral",
            name="trigger_points",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text=(
                    "The trigger points it concerns, as they were when it was made: each flag's indicator "
                    "code and name, sensitivity and whether it awaited review. Shown to each reader at their "
                    "own level (interventions.trigger_points), never as stored."
                ),
            ),
        ),
        migrations.RunPython(keep_facts, back_to_words),
    ]
