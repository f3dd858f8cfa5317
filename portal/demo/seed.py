"""Seeds the demo through the same pipeline a council's files take: the city is written as
FEEDS.md files and each file is imported by the real importer, so every demo record has
a feed run, a source record and a link confidence, exactly as real data would."""

from collections import Counter

from portal.demo.city import City, DemoSchool


def _demo_schools(city: City) -> tuple[DemoSchool, DemoSchool]:
    """The head teacher and DSL work at the largest secondary, the second head teacher
    at the largest primary: the two views a demo most wants to compare."""
    sizes = Counter(p.current_school.urn for p in city.pupils if p.current_school)
    by_size = sorted(city.schools, key=lambda s: (-sizes[s.urn], s.urn))
    first = next(s for s in by_size if s.phase == "secondary")
    second = next(s for s in by_size if s.phase == "primary")
    return first, second
