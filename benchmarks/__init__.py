"""`make bench`: builds (or reuses) a city-scale PostgreSQL dataset and measures the portal
against the performance goals of the issues. Timings are checked here, never in tests."""
