"""The access log's public entry points; see docs/access-log.md for the design."""

from accounts.access_log.writing import log_access, log_denied, log_system_access, shows_records

__all__ = ["log_access", "log_denied", "log_system_access", "shows_records"]
