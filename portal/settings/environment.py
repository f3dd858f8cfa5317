"""Where every settings module reads the environment from: django-environ, with a
local .env file for development (never overriding the real environment)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
