"""The bench database: `<name>_bench` derived from DATABASE_URL (`<name>_bench_quick` for
the quick city), so `make bench` never touches the test database nor the one `make demo`
uses. A database holding a city of another scale or generator version is dropped and
built again."""

import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

from portal.demo.scale import CITY_VERSION

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/safe"


def bench_url(base_url: str, *, quick: bool) -> str:
    parts = urlsplit(base_url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("make bench needs PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    name = parts.path.lstrip("/") or "safe"
    suffix = "_bench_quick" if quick else "_bench"
    return urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def _admin_connection(url: str) -> psycopg2.extensions.connection:
    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    return connection


def recorded_city(url: str) -> dict | None:
    """The marker seed_demo --scale leaves, or None (no database, or no city yet)."""
    try:
        connection = psycopg2.connect(url)
    except psycopg2.OperationalError:
        return None
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('demo_scale_city') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT city FROM demo_scale_city")
        row = cursor.fetchone()
    connection.close()
    return row[0] if row else None


def prepare(url: str, *, young_people: int, seed: int) -> None:
    """Keeps a database whose recorded city matches (bringing its schema up to date, so
    a kept city measures the current code); otherwise creates it afresh, migrated."""
    city = recorded_city(url)
    wanted = (young_people, seed, CITY_VERSION)
    if city and (city["young_people"], city["seed"], city.get("version", 1)) == wanted:
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], check=True)
        return
    name = urlsplit(url).path.lstrip("/")
    admin = _admin_connection(url)
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], check=True)
