"""The stewardship app's API endpoints: feed health."""
