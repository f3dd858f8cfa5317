"""City-scale datasets for `make bench` (seed_demo --scale N, PostgreSQL only).

The demo path imports every row through the importer, which is right for 3,000 pupils
and takes hours at 100,000 with 38 million register marks. Here the people are drawn
in Python and COPYed; the high-volume tables (register marks, weekly counts, feed
events, access log) are generated inside PostgreSQL with INSERT ... SELECT while their
secondary indexes and foreign keys are dropped, then the indexes are rebuilt and the
tables analysed. Rows carry the provenance the importer would give them."""

CITY_VERSION = 4
"""Bumped when the generator changes what a city holds, so that `make bench` rebuilds a
kept city instead of measuring the old one (2: ~5 million feed events, not ~225,000;
3: no weekly-summary event rows, the chronology writes them from the weekly counts;
4: the attendance-threshold events its weekly counts call for, as imports would have
announced them)."""
