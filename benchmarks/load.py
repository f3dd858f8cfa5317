"""Concurrent users against gunicorn on the loopback interface: a closed-loop load
generator (threads, one keep-alive connection and one signed-in session each) with a
mixed read workload, bounded in time. It shares the machine's cores with the server, so
a single user's latency is measured in the same run, before the crowd arrives."""

import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from benchmarks.pages import client_for
from benchmarks.timing import Measure, percentile
from portal.demo.scale.build import ScaleCity

THINK_SECONDS = (0.2, 1.0)
GOAL_ERRORS = 0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(ms)
            if not ok:
                self.errors += 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cookie(email_local: str) -> str:
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client_for(email_local).cookies[name].value}"


def _workload(city: ScaleCity) -> list[tuple[str, str]]:
    """(cookie role, url) choices, weighted by repetition: lists and searches most often,
    record pages next, IG's review least."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.person_id, p.surname FROM schools_enrolment e "
            "JOIN schools_person p ON p.id = e.person_id WHERE e.school_id = %s AND e.leaving_date IS NULL "
            "ORDER BY e.person_id LIMIT 40",
            [city.largest_school_id],
        )
        pupils = cursor.fetchall()
    urls = [("head.teacher", "/young-people/")] * 3
    urls += [("head.teacher", f"/young-people/?page={n}") for n in (2, 5, 10)]
    urls += [("head.teacher", f"/young-people/?q={surname[:4]}") for _, surname in pupils[:4]]
    urls += [("head.teacher", f"/young-people/{pk}/") for pk, _ in pupils[:6]] + [
        ("head.teacher", f"/young-people/{city.outliers[0]}/")
    ]
    urls += [("ig", f"/access-log/people/{pk}/") for pk in city.outliers[:2]]
    return urls


def _user(port: int, cookies: dict, urls: list, tally: Tally, stop: float, seed: int, think: bool) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        role, url = rng.choice(urls)
        started = time.perf_counter()
        try:
            conn.request("GET", url, headers={"Cookie": cookies[role], "Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        tally.add((time.perf_counter() - started) * 1000, ok)
        if think:
            time.sleep(rng.uniform(*THINK_SECONDS))
    conn.close()


def _phase(port: int, cookies: dict, urls: list, *, users: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    stop = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_user, args=(port, cookies, urls, tally, stop, n, users > 1))
        for n in range(users)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def _start_server(port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.demo", "DEBUG": "False"}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    command += ["--threads", "8", "--worker-class", "gthread", "--timeout", "60", "--graceful-timeout", "5"]
    server = subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not start; see {log}")


def _stop_server(server: subprocess.Popen) -> None:
    """Requests still queued when the crowd stops may take long: do not wait for them."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)


def load_measure(city: ScaleCity, *, users: int, seconds: float, work_dir: Path) -> Measure:
    urls = _workload(city)
    cookies = {role: _cookie(role) for role in {r for r, _ in urls}}
    port = _free_port()
    server = _start_server(port, work_dir / "gunicorn.log")
    try:
        _phase(port, cookies, urls, users=1, seconds=2)
        single, _ = _phase(port, cookies, urls, users=1, seconds=max(5, seconds / 4))
        crowd, elapsed = _phase(port, cookies, urls, users=users, seconds=seconds)
    finally:
        _stop_server(server)
    p95 = round(percentile(crowd.latencies, 0.95), 1)
    return Measure(
        key="load_mixed_reads",
        title=f"{users} concurrent users, mixed reads, gunicorn on loopback ({seconds:.0f} s)",
        p50_ms=round(percentile(crowd.latencies, 0.5), 1),
        p95_ms=p95,
        runs=len(crowd.latencies),
        goal=f"{GOAL_ERRORS} errors under {users} users",
        met=crowd.errors == GOAL_ERRORS,
        baseline={
            "what": "a single user, same workload, same run",
            "p50_ms": round(percentile(single.latencies, 0.5), 1),
            "p95_ms": round(percentile(single.latencies, 0.95), 1),
            "requests": len(single.latencies),
            "errors": single.errors,
        },
        ratio=round(p95 / percentile(single.latencies, 0.95), 1),
        extra={
            "requests": len(crowd.latencies),
            "errors": crowd.errors,
            "throughput_rps": round(len(crowd.latencies) / elapsed, 1),
            "think_seconds": list(THINK_SECONDS),
            "server": "gunicorn gthread, 2 workers x 8 threads",
        },
    )
