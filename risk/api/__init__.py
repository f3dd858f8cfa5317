"""The trigger points API: the indicator library, the flagged list, and flags as data
for the young-person endpoints (shapes.py)."""
