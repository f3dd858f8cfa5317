"""The schools app's API endpoints: schools, young people, their chronology and break-glass."""
