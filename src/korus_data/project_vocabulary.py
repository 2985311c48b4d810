"""Controlled vocabularies of the investment project tables (documented in the README)."""

from __future__ import annotations

#: Kinds of project: a plant or site; an acquisition of an existing company or plant; a
#: group's multi-year pledge not tied to one site (never added to site totals).
PROJECT_KINDS = ("site", "acquisition", "plan")

SECTORS = {
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


#: Events whose amount is a new increment, not a statement about the project as a whole.
INCREMENT_EVENTS = ("expansion_announced", "expansion", "expansion_completed", "divested")
