"""A real import process killed mid-file: its progress was visible while it ran, it
leaves no data behind, and the same run then imports cleanly."""

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import override_settings

from chronology.models import AttendanceMark, FeedRun
from chronology.services.imports import execute_run
from chronology.services.register import install_demonstration_register
from tests.factories import PersonFactory, SchoolFactory, valid_upn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROWS = 45_000


def _attendance_file(path, upns):
    start = date(2024, 9, 2)
    weekdays = [d for d in (start + timedelta(days=n) for n in range(ROWS)) if d.weekday() < 5]
    with path.open("w") as handle:
        handle.write("source_record_id,urn,upn,date,session,code\n")
        for n in range(ROWS):
            session = n // len(upns)
            day = weekdays[session // 2]
            handle.write(f"A{n},100001,{upns[n % len(upns)]},{day},{('AM', 'PM')[session % 2]},/\n")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="progress on a second connection is PostgreSQL's"
)
def test_a_killed_import_leaves_nothing_and_runs_again(transactional_db, tmp_path):
    install_demonstration_register(by=None)
    SchoolFactory(urn="100001")
    upns = [valid_upn(n) for n in range(1, 51)]
    for upn in upns:
        PersonFactory(upn=upn)
    path = tmp_path / "attendance.csv"
    _attendance_file(path, upns)
    db = connection.settings_dict
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{host}/{db['NAME']}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_feed", "attendance", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            run = FeedRun.objects.filter(rows_done__gt=0, status=FeedRun.Status.RUNNING).first()
            if run is not None:
                break
            assert process.poll() is None, "the import finished before it could be killed"
            time.sleep(0.05)
        else:
            pytest.fail("no progress was visible while the import ran")
        assert run.rows_total == ROWS
        assert 0 < run.rows_done < ROWS
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    assert AttendanceMark.objects.count() == 0
    assert FeedRun.objects.get().status == FeedRun.Status.RUNNING

    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        run = execute_run(run_id=run.pk)
    assert (run.status, run.rows_imported) == ("completed", ROWS)
    assert AttendanceMark.objects.count() == ROWS
