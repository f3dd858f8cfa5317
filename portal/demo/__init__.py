"""The synthetic demo city: a seeded generator of every FEEDS.md feed for a fictional
local authority (Northbridge), the demo users, and the `seed_demo` pipeline that imports
the generated files through the real importer. See docs/demo-city.md."""
