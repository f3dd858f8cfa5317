"""The chronology app's API endpoints: feeds, their import runs and uploads."""
