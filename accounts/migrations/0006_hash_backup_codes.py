"""Backup codes made before they were hashed (8 characters as shown to the user) are
replaced by their keyed hash (16), so they go on working and are no longer readable."""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

# As accounts.services.two_factor.backup_code_stored was when this was written.
SALT = "accounts.two_factor.backup_code"


def hash_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.exclude(token__regex=r"^[0-9a-f]{16}$"):
        code = token.token.lower()
        token.token = salted_hmac(SALT, code, secret=settings.SECRET_KEY, algorithm="sha256").hexdigest()[:16]
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_api_tokens_and_service_accounts"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
