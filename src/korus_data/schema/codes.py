"""Every vocabulary and code constant of the package, written once.

Table definitions, accessors, checks and the pipeline import their allowed values from here;
nothing else spells them out.

Example:
    >>> from korus_data.schema.codes import KOREA_CENSUS_CODE, FLOWS
    >>> KOREA_CENSUS_CODE, FLOWS
    ('5800', ('export', 'import'))
"""

from __future__ import annotations

# --- units -------------------------------------------------------------------------------

MONEY_UNIT = "USD millions, current"
PERSONS_UNIT = "persons"

# --- economies and partners --------------------------------------------------------------

#: Economies that report or partner in the bilateral tables (ISO 3166-1 alpha-3).
ECONOMIES = ("USA", "KOR")
#: Census Bureau partner codes (CTY_CODE) the package refers to by name.
KOREA_CENSUS_CODE = "5800"
WORLD_CENSUS_CODE = "0015"
#: What a Census partner code stands for.
PARTNER_KINDS = ("country", "aggregate", "unallocated")
ISO_STATUSES = ("current", "former")

#: Partners of BEA's trade-by-country workbook: ISO alpha-3 codes for economies, and
#: upper-case names for BEA's groups of economies.
BEA_GROUPS = ("ALL_OTHER_COUNTRIES", "CAFTA_DR", "EUROPEAN_UNION", "SOUTH_CENTRAL_AMERICA")
BEA_ECONOMIES = (
    "AUS",
    "BEL",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "HKG",
    "IND",
    "IRL",
    "ISR",
    "ITA",
    "JPN",
    "KOR",
    "MYS",
    "MEX",
    "NLD",
    "SAU",
    "SGP",
    "CHE",
    "TWN",
    "GBR",
    "VNM",
)
BEA_PARTNERS = BEA_ECONOMIES + BEA_GROUPS

# --- trade -------------------------------------------------------------------------------

FLOWS = ("export", "import")
#: Statistical compilation a goods figure comes from.
GOODS_BASES = ("census", "imf_dots", "korea_customs", "imf_imts")
#: How a goods flow is valued: free alongside ship, customs value, free on board, cost
#: insurance and freight.
VALUATIONS = ("fas", "customs", "fob", "cif")
#: The valuation each (basis, flow) must carry.
VALUATION_OF = {
    ("census", "export"): "fas",
    ("census", "import"): "customs",
    ("imf_dots", "export"): "fob",
    ("imf_dots", "import"): "cif",
    ("korea_customs", "export"): "fob",
    ("korea_customs", "import"): "cif",
    ("imf_imts", "export"): "fob",
    ("imf_imts", "import"): "cif",
}
ACCOUNTS = ("goods", "services")
#: census_naics3: the 3-digit NAICS-based product groups of the Census Bureau's USA Trade
#: Online (exports and imports, every partner).
PRODUCT_CLASSIFICATIONS = (
    "census_enduse_exports",
    "census_enduse_imports",
    "usitc_digest_sector",
    "korea_mti_item",
    "census_naics3",
)
PRODUCT_CHANGE_MEASURES = ("change_usd_millions", "change_pct")

# --- tariffs ------------------------------------------------------------------------------

#: The day KORUS entered into force, and the source that states it (sources table).
KORUS_IN_FORCE = "2012-03-15"
KORUS_IN_FORCE_SOURCE_ID = "usda-fas-korus-trade-agreement"
#: Sources the package's code cites for a figure kept beside it (not in a table's row).
SOURCES_CITED_IN_CODE = (KORUS_IN_FORCE_SOURCE_ID,)

#: What a published rate of duty is: free; a percent of value; an amount per unit; both; or
#: anything else (a reference to another heading, a rate in words), kept as text.
RATE_KINDS = ("free", "ad_valorem", "specific", "compound", "other")
#: A line of the U.S. schedule that carries a rate: 8 digits, or 10 where the rate is there.
HTS_RATE_LINE_PATTERN = r"^\d{8}(\d{2})?$"
HTS10_PATTERN = r"^\d{10}$"
#: A heading of chapter 99 (additional duties) as the schedule writes it.
CHAPTER99_HEADING_PATTERN = r"^99\d{2}\.\d{2}\.\d{2}$"
#: How a 2025 measure's rate works: added to the line's own rate; a rate all in (it replaces
#: the line's rate); the line's own rate, nothing added (the measure's rate is no higher).
MEASURE_RATE_KINDS = ("additional", "all_in", "nothing_added")
#: How a heading concerns Korea: it applies to products of Korea, or it excepts them.
MEASURE_KOREA_ROLES = ("applies_to_korea", "excepts_korea")
MEASURE_STATUSES = ("listed", "terminated")
MEASURE_TOPICS = (
    "reciprocal",
    "passenger_vehicles",
    "vehicle_parts",
    "iron_and_steel",
    "wood",
    "civil_aircraft",
)

# --- investment --------------------------------------------------------------------------

DI_BASES = ("historical_cost",)
#: Direction of a position by partner: the partner's position in the U.S. (inward) or the
#: U.S. position in the partner (outward).
DI_DIRECTIONS = ("inward", "outward")
#: What a partner of BEA's position tables is: one economy, a region or group of economies,
#: the rest of a region ("Other"), or all countries.
DI_PARTNER_KINDS = ("country", "territory_group", "region", "residual", "total")
AFFILIATE_MEASURES = ("employment", "rnd_expenditure", "exports_of_goods")
AFFILIATE_UNITS = {
    "employment": PERSONS_UNIT,
    "rnd_expenditure": MONEY_UNIT,
    "exports_of_goods": MONEY_UNIT,
}
OWNERSHIP = ("majority_owned", "all_affiliates", "not_stated")
STATED_AS = ("exact", "more_than", "almost", "about")

# --- investment projects -----------------------------------------------------------------

#: Kinds of project: a plant or site; an acquisition of an existing company or plant; a
#: group's multi-year pledge not tied to one site (never added to site totals).
PROJECT_KINDS = ("site", "acquisition", "plan")

#: Sector -> what it covers (documented in the README).
SECTOR_MEANINGS = {
    "automotive": "vehicle assembly",
    "auto_parts": "vehicle parts and components",
    "ev_batteries": "battery cells and packs for vehicles or energy storage",
    "battery_materials": "cathode and other battery materials",
    "semiconductors": "chips, wafers, packaging and their materials",
    "solar": "solar ingots, wafers, cells and modules",
    "steel_metals": "steel, smelting and metals",
    "chemicals": "petrochemicals",
    "electrical_equipment": "transformers, cables and grid equipment",
    "home_appliances": "household appliances",
    "tires": "tires",
    "food": "food processing",
    "pharmaceuticals": "biopharmaceutical and drug manufacturing",
    "construction_equipment": "construction and compact equipment",
    "shipbuilding": "shipyards",
    "defense": "defense and munitions",
    "electronics": "consumer and automotive electronics",
    "robotics": "robotics",
    "real_estate": "hotels and real estate",
    "headquarters": "offices and headquarters",
    "multiple": "a pledge spanning several sectors",
}
SECTORS = tuple(SECTOR_MEANINGS)

EVENT_TYPES = (
    "announced",
    "expansion_announced",
    "expansion",
    "investment_decision",
    "agreement_finalized",
    "financing",
    "groundbreaking",
    "under_construction",
    "production_start",
    "opened",
    "expansion_completed",
    "established",
    "amount_stated",
    "acquisition_announced",
    "acquisition_completed",
    "paused",
    "delayed",
    "resumed",
    "cancelled",
    "closure_announced",
    "divested",
    "restructured",
)
AMOUNT_SCOPES = ("total_project", "korean_share", "increment", "sale_proceeds", "unknown")
DATE_PRECISIONS = ("day", "month", "year")
CAPACITY_UNITS = ("GW", "GWh")
# the states, D.C. and territories are defined in their own module and said here too
from korus_data.schema.places import STATE_NAMES as STATE_NAMES  # noqa: E402
from korus_data.schema.places import USPS_STATES as USPS_STATES  # noqa: E402

# --- official addresses -----------------------------------------------------------------

#: The Census Bureau's bulk workbook of trade in goods by country (read by `korus-data build`).
CENSUS_COUNTRY_WORKBOOK_URL = "https://www.census.gov/foreign-trade/balance/country.xlsx"

# --- provenance --------------------------------------------------------------------------

SOURCE_KINDS = (
    "official_statistics",
    "official_statement",
    "company_release",
    "press",
    "research",
    "secondary_copy",
    "aggregator",
)
SOURCE_LICENSES = ("US-Government-Works", "CC-BY-4.0", "cited-figures")
#: Official series whose releases the package reads (one row each in the releases table).
RELEASE_SERIES = (
    "census_country_workbook",
    "census_usato_country",
    "census_c5800_page",
    "census_enduse_imports",
    "census_enduse_exports",
    "census_usato_naics",
    "census_usato_duty",
    "census_usato_hs10",
    "usitc_hts_basic_edition",
    "bea_trade_by_country",
    "bea_fdius_position",
    "bea_usdia_position",
    "imf_dots",
    "census_intltrade_api",
    "bea_api",
    "imf_imts_api",
)
#: What a release's date is: the day it was published; the day a copy was retrieved (it was
#: public by then); or the day the publisher last modified the file (its own metadata).
RELEASE_DATE_KINDS = ("published", "retrieved", "file_modified")
#: Series of the release calendar: the Census Bureau's monthly FT-900 release of U.S. trade
#: in goods by country (the workbook country.xlsx and the c5800 page follow each release).
CALENDAR_SERIES = ("census_ft900", "bea_di_country_industry")
#: What states a release's day in the calendar, strongest first: the release itself, a copy
#: of it, the publisher's own schedule or listing, a dated news report of that day's release,
#: an economic calendar.
DATE_EVIDENCE = ("release", "release_copy", "schedule", "press", "calendar")
#: Release series each of whose releases republishes the whole series (a vintage of a
#: workbook or report): a release of one counts as held for every table the series feeds,
#: also where it changed none of that table's figures.
SNAPSHOT_SERIES = (
    "census_country_workbook",
    "census_usato_country",
    "bea_trade_by_country",
    "bea_fdius_position",
    "bea_usdia_position",
    "imf_dots",
)
#: The publisher's release calendar each release series follows (its releases come out on
#: the days that calendar lists), and who publishes it, for the words of a warning.
CALENDAR_OF = {
    "census_country_workbook": "census_ft900",
    "census_usato_country": "census_ft900",
    "census_c5800_page": "census_ft900",
    "census_intltrade_api": "census_ft900",
    # BEA's workbook of trade by country is named for the FT-900 release it came with
    # (trad-geo-time-series-0125: the release of January 2025 data, 2025-03-06)
    "bea_trade_by_country": "census_ft900",
    # BEA's yearly "Direct Investment by Country and Industry" (both directions)
    "bea_fdius_position": "bea_di_country_industry",
    "bea_usdia_position": "bea_di_country_industry",
}
CALENDAR_PUBLISHER = {
    "census_ft900": "the Census Bureau",
    "bea_di_country_industry": "BEA",
}
#: Who the warning names where a series is not the calendar's own publisher's.
SERIES_PUBLISHER = {"bea_trade_by_country": "the Census Bureau and BEA (their monthly release)"}
#: Calendars of yearly releases: a release's month is the December of its year of data.
ANNUAL_CALENDARS = ("bea_di_country_industry",)
#: Series matched to their calendar by the day they came out, not by their last month.
MATCHED_BY_DAY = ("bea_trade_by_country",)
#: Release series whose figures are those of an FT-900 release (the calendar knows them).
FT900_SERIES = (
    "census_country_workbook",
    "census_usato_country",
    "census_c5800_page",
    "census_intltrade_api",
)
#: The fact sheet whose claims the package checks (never evidence for itself).
FACT_SHEET_SOURCE_ID = "state-dept-2019-06-fact-sheet"

# --- the fact check ----------------------------------------------------------------------

#: Named checks of the claims table (tested equal to korus_data.factcheck.checks.CHECKS).
CLAIM_CHECKS = (
    "goods_two_way_total",
    "services_two_way_total",
    "goods_services_balance_change",
    "product_exports_grew",
    "investment_position_growth",
    "major_investment_source",
    "affiliate_measure",
    "investment_growth_rank",
    "projects_since",
    "project_event",
    "project_capacity",
    "korea_partner_rank",
    "out_of_scope",
)
COMPARISONS = (
    "more_than",
    "nearly",
    "at_least",
    "equals",
    "grew",
    "dropped_by_more_than",
    "rank_at_most",
    "none",
)

# --- patterns ----------------------------------------------------------------------------

YEARMONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
QUARTER_PATTERN = r"^\d{4}-Q[1-4]$"
SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
CENSUS_CODE_PATTERN = r"^\d{4}$"
#: A U.S. tariff line: an 8-digit HTS subheading.
TARIFF_LINE_PATTERN = r"^\d{8}$"
#: How a derived exchange-rate average is computed (the only method, stated on every row).
RATE_DERIVATIONS = ("mean_of_days_with_a_rate",)
RATE_UNIT = "KRW per USD"
ISO3_PATTERN = r"^[A-Z]{3}$"
#: Classifications of the monthly product table the refresh fills from the Census API.
MONTHLY_PRODUCT_CLASSIFICATIONS = ("hs2", "census_enduse")
#: An HS chapter (two digits) or an End-Use code (one to five digits) as the API writes it.
API_PRODUCT_CODE_PATTERN = r"^\d{1,5}$"
#: A U.S. state, D.C. or territory as the Census API writes it (USPS two letters).
STATE_CODE_PATTERN = r"^[A-Z]{2}$"
PRODUCT_CODE_PATTERN = r"^[a-z0-9_]+$|^\d{5}$"
