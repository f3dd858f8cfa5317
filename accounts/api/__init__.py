"""The accounts app's API endpoints: who am I, and IG's access log."""
