"""Builds the whole demo city and its feeds from a seed. No wall clock, no global random
state: the same configuration always gives the same rows, byte for byte."""

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from portal.demo import household_feeds, person_feeds, school_feeds
from portal.demo.attendance import attendance_rows
from portal.demo.city import City, CityConfig
from portal.demo.imperfect import Imperfection, add_imperfect_rows
from portal.demo.population import build_city


@dataclass
class CityFeeds:
    """Every feed's rows but attendance, which is streamed (it is a hundred times bigger)."""

    city: City
    rows: dict[str, list[dict]]
    imperfections: list[Imperfection]

    def attendance(self) -> Iterator[dict]:
        return attendance_rows(self.city, self.rows["suspensions"])

    def feed_rows(self, feed: str) -> Iterator[dict]:
        return self.attendance() if feed == "attendance" else iter(self.rows[feed])


def generate_city(config: CityConfig) -> CityFeeds:
    city = build_city(config)

    def stream(name: str) -> random.Random:
        return random.Random(f"{config.seed}:{name}")

    facts: person_feeds.Facts = defaultdict(set)
    rows: dict[str, list[dict]] = {
        "schools": school_feeds.school_rows(city),
        "school_census": school_feeds.census_rows(city),
        "households": household_feeds.household_rows(city, stream("households")),
        "suspensions": school_feeds.suspension_rows(city, stream("suspensions")),
    }
    rows["missing_episodes"] = person_feeds.missing_episode_rows(city, stream("missing"), facts)
    rows["police_incidents"] = person_feeds.police_incident_rows(city, stream("police"), facts)
    rows["police_intelligence"] = person_feeds.police_intelligence_rows(city, stream("intelligence"), facts)
    rows["youth_justice"] = person_feeds.youth_justice_rows(
        city, stream("youth_justice"), rows["police_incidents"]
    )
    rows["health"] = person_feeds.health_rows(city, stream("health"), facts)
    rows["domestic_abuse"] = household_feeds.domestic_abuse_rows(city, stream("domestic_abuse"), facts)
    rows["housing_benefits"] = household_feeds.housing_benefit_rows(city, stream("housing"), facts)
    rows["early_help"] = household_feeds.early_help_rows(city, stream("early_help"), facts)
    rows["social_care"] = household_feeds.social_care_rows(city, stream("social_care"), facts)
    imperfections = add_imperfect_rows(city, stream("imperfect"), rows)
    return CityFeeds(city=city, rows=rows, imperfections=imperfections)
