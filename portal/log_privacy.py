"""Keeps personal data out of server logs and error reports. Children's names and free
text reach a log only through a request (the query string of a search, a form) or an
exception's message (a database error quoting the row), so those are what is removed:
query strings, emails, UPNs, NHS numbers, postcodes and database DETAIL lines. Request
bodies and local variables never appear in error reports."""

import logging
import re
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

REMOVED = "[removed]"
# An email starts only where a run of its characters starts: tried from every position of
# a long run (a hostile 10,000-character parameter), the pattern was quadratic.
PATTERNS = (
    (re.compile(r"\?[^\s\"']*"), "?" + REMOVED),
    (re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b"), "[UPN]"),
    (re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"), "[number]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE), "[postcode]"),
    (re.compile(r"^(\s*)DETAIL:.*$", re.MULTILINE), r"\1DETAIL: " + REMOVED),
)


def scrub(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class NoPersonalDataFilter(logging.Filter):
    """Rewrites each record's message (and traceback) with personal data removed, and
    drops the request object some Django loggers attach."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = scrub(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip())
        if hasattr(record, "request"):
            record.request = None
        return True


class NoPersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the debug page in the demo, emails to admins if configured) show no
    request parameters, no local variables and no cookies."""

    def is_active(self, request: object) -> bool:
        return True

    def get_post_parameters(self, request: object) -> dict:
        return dict.fromkeys(getattr(request, "POST", {}), REMOVED)

    def get_traceback_frame_variables(self, request: object, tb_frame: object) -> list:
        return [(name, REMOVED) for name in tb_frame.f_locals]

    def get_safe_request_meta(self, request: object) -> dict:
        return dict.fromkeys(getattr(request, "META", {}), REMOVED)


class NoPersonalDataExceptionReporter(ExceptionReporter):
    """The report's text and page, with query strings and identifiers scrubbed like logs."""

    def get_traceback_data(self) -> dict:
        data = super().get_traceback_data()
        for key in ("request_GET_items", "request_COOKIES_items"):
            if key in data:
                data[key] = [(name, REMOVED) for name, _ in data[key]]
        return data

    def get_traceback_text(self) -> str:
        return scrub(super().get_traceback_text())

    def get_traceback_html(self) -> str:
        return scrub(super().get_traceback_html())
