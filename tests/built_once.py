"""Data a module's tests share, built once per module instead of once per test.

Some modules run many long tests (one per actor, one per API operation) over the same
costly world. The world is built inside a transaction held open for the module and rolled
back after its last test; each test still runs in a savepoint of its own (pytest-django's
`db`, nested inside), rolled back when it ends, so whatever a test writes (access-log
entries, notifications read, sessions, tokens used) is gone before the next one starts,
just as with a world built per test. The files the world writes go to a folder of the
module's, copied afresh into each test's media folder."""

from collections.abc import Callable, Iterator
from pathlib import Path
from shutil import copytree
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings


def built_once_per_module(make: Callable[[], Any], *, name: str) -> tuple[Callable, Callable]:
    """A module-scoped fixture called `name` giving what `make()` returns, and the
    autouse `_media_in_tmp` that stands in for the suite's (tests/conftest.py) in the
    module. A module takes both: `world, _media_in_tmp = built_once_per_module(...)`.
    Only for modules whose tests all use the database without TransactionTestCase: a
    transactional test would flush the module's world."""
    media_of_the_world: list[Path] = []

    @pytest.fixture(scope="module", name=name)
    def built(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Any]:
        media = tmp_path_factory.mktemp(name) / "media"
        media.mkdir()
        media_of_the_world[:] = [media]
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
            yield make()
            transaction.set_rollback(True)

    @pytest.fixture(autouse=True, name="_media_in_tmp")
    def media_in_tmp(settings, tmp_path, request) -> None:
        request.getfixturevalue(name)
        settings.MEDIA_ROOT = copytree(media_of_the_world[0], tmp_path / "media")

    return built, media_in_tmp
