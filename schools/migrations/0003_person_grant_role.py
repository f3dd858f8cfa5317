"""Per-person grants name the role they were made for. Grants made before this carry no
role, and count for nobody (the access layer fails closed), except those of users who
hold a role grants are made for today, allocation's (a taskforce officer or an
intervention worker): theirs take that role. A grant held by anyone else outlived a
role change, the fault this closes."""

from django.db import migrations, models

ALLOCATED_ROLES = ("taskforce", "intervention_worker")


def name_the_roles(apps, schema_editor):
    grants = apps.get_model("schools", "PersonUserObjectPermission").objects
    for role in ALLOCATED_ROLES:
        grants.filter(user__groups__name=role).update(role=role)


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0002_object_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="personuserobjectpermission",
            name="role",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The role the user held when granted; the grant counts only while they hold it.",
                max_length=50,
            ),
        ),
        migrations.RunPython(name_the_roles, migrations.RunPython.noop),
    ]
