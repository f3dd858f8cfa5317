"""Starts the portal as a real server process with its own PostgreSQL database and a
small demo city, the way a person would meet it, for the browser tests."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parents[2]
DEMO_CITY = ["--seed", "7", "--schools", "4", "--pupils", "400", "--attendance-weeks", "2"]
CODES_AHEAD = 20
"""How many 30-second steps ahead of the clock the server's authenticators accept a code
(django-otp's `tolerance`; the demo's devices keep its default of 1). The journeys sign
the head teacher in a dozen times in four minutes, and each code is accepted once: with
one step ahead they waited for the clock, about two minutes of each run asleep. Taking
codes ahead changes nothing the journeys test; single use and the window a person's
authenticator gets are tested against the portal itself (tests/security)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_database_url() -> str:
    base = environ.Env.db_url_config(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/safe")
    )
    host = base["HOST"] or "127.0.0.1"
    return f"postgres://{base['USER']}@{host}:{base['PORT'] or 5432}/{base['NAME']}_browser"


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def _recreate_database(url: str) -> None:
    import psycopg2

    cfg = environ.Env.db_url_config(url)
    conn = psycopg2.connect(dbname="postgres", user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    conn.close()


def _accept_codes_ahead(url: str) -> None:
    import psycopg2

    cfg = environ.Env.db_url_config(url)
    conn = psycopg2.connect(dbname=cfg["NAME"], user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"] or 5432)
    with conn, conn.cursor() as cur:
        cur.execute("update otp_totp_totpdevice set tolerance = %s", [CODES_AHEAD])
    conn.close()


class PortalServer:
    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.demo",
            "DEBUG": "false",
            "DATABASE_URL": browser_database_url(),
            "MEDIA_ROOT": str(tmp / "media"),
            "CELERY_BROKER_URL": "",
        }
        self.log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed in stop()
        self.process: subprocess.Popen | None = None

    def start(self) -> "PortalServer":
        _recreate_database(self.env["DATABASE_URL"])
        _manage(self.env, "migrate", "--no-input")
        _manage(self.env, "seed_demo", *DEMO_CITY)
        _accept_codes_ahead(self.env["DATABASE_URL"])
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/sign-in/", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("The portal did not start; see server.log")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.log.close()
