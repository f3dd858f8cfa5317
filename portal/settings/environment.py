"""Where every settings module reads the environment from: django-environ, with a
local .env file for development (never overriding the real environment).

A value that cannot be read stops the start with a sentence naming its variable
(docs/deployment.md): django-environ alone raises a bare ValueError from deep inside,
reads any unknown word as "no" (EMAIL_USE_TLS=ture would send mail in clear), hands
back an empty configuration for a mistyped DATABASE_URL and names no variable for a
mistyped cache URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
FALSE_STRINGS = ("false", "off", "n", "no", "0", "")


class Env(environ.Env):
    """django-environ, refusing at start what it would otherwise misread."""

    def get_value(
        self, var: str, cast: Any = None, default: Any = environ.Env.NOTSET, parse_default: bool = False
    ) -> Any:
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except ValueError as error:
            value = self.ENVIRON.get(var)
            raise ImproperlyConfigured(
                f"{var} is set to {value!r}, which the portal cannot read ({error})."
            ) from error

    def bool(self, var: str, default: bool | environ.NoValue = environ.Env.NOTSET) -> bool:
        value = self.ENVIRON.get(var)
        if value is not None and value.strip().lower() not in (*self.BOOLEAN_TRUE_STRINGS, *FALSE_STRINGS):
            raise ImproperlyConfigured(f"{var} is set to {value!r}: use true or false.")
        return super().bool(var, default=default)

    def positive_int(self, var: str, default: int) -> int:
        """A limit or a period: zero or less is never what was meant (no session would
        outlive its first request, every sign-in would be locked out)."""
        value = self.int(var, default=default)
        if value < 1:
            raise ImproperlyConfigured(f"{var} is set to {value}: it must be 1 or more.")
        return value

    def non_negative_int(self, var: str, default: int) -> int:
        """A grace period or a count where zero means something (no grace, no proxy) but
        less than zero never does: it would be read as earlier than due, or as none."""
        value = self.int(var, default=default)
        if value < 0:
            raise ImproperlyConfigured(f"{var} is set to {value}: it must be 0 or more.")
        return value

    def db_url(
        self, var: str = "DATABASE_URL", default: Any = environ.Env.NOTSET, engine: Any = None
    ) -> dict:
        config = super().db_url(var, default=default, engine=engine)
        if not config.get("ENGINE"):
            raise ImproperlyConfigured(
                f"{var} is not a database URL; it should read like postgres://user@host:5432/name."
            )
        return config

    db = db_url

    def cache_url(
        self, var: str = "CACHE_URL", default: Any = environ.Env.NOTSET, backend: Any = None
    ) -> dict:
        try:
            return super().cache_url(var, default=default, backend=backend)
        except ImproperlyConfigured as error:
            raise ImproperlyConfigured(
                f"{var} is not a cache URL; it should read like redis://host:6379/2 ({error})."
            ) from error

    cache = cache_url


env = Env()
Env.read_env(BASE_DIR / ".env", overwrite=False)
