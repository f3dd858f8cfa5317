"""Feed files: size-limited, stored outside the web root, never served back by URL."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from accounts.roles import Role
from chronology.models import FeedRun
from tests.factories import FeedFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(client, settings):
    settings.FEED_UPLOAD_MAX_MB = 1
    if not _feed_exists("school_census"):
        FeedFactory(code="school_census")
    client.force_login(user_with_role(Role.DATA_OFFICER))
    big = SimpleUploadedFile("census.csv", b"upn\n" + b"A" * (1024 * 1024 + 1))
    response = client.post(reverse("chronology:upload", args=["school_census"]), {"file": big})
    assert response.status_code == 200
    assert "The file must be smaller than 1 MB" in response.content.decode()
    assert not FeedRun.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.csv"))


def test_uploads_live_outside_the_web_root_and_no_url_serves_them():
    media = Path(settings.MEDIA_ROOT).resolve()
    for served in (Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)):
        assert not media.is_relative_to(served.resolve())
    with pytest.raises(Resolver404):
        resolve(settings.MEDIA_URL + "feeds/census.csv")


def _feed_exists(code: str) -> bool:
    from chronology.models import Feed

    return Feed.objects.filter(code=code).exists()
