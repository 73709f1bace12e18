"""The contract's vocabulary: column names, activities, and how the tables and text label them."""

from __future__ import annotations

TABLE1_ACTIVITIES = ("training_capacity_building",)
TABLE2_ACTIVITIES = (
    "policy_dialogue",
    "policy_formulation",
    "advocacy",
    "awareness_raising",
    "technical_assistance",
    "data_collection_and_research",
)
ACTIVITY_FLAGS = TABLE1_ACTIVITIES + TABLE2_ACTIVITIES
AT_LEAST_ONE = "at_least_one"

ROSTER_REQUIRED = ("country_office", "region")
ACTIVITIES_REQUIRED = ("country_office", "submitted", *ACTIVITY_FLAGS)

# The report export's headers as the COAR system spells them; they normalise (contract 1.4)
# to "country_office", "region", "year", "submitted", the seven flags and "notes".
EXPORT_HEADER = (
    "Country Office",
    "Region",
    "Year",
    "Submitted",
    "Training/Capacity building",
    "Policy dialogue",
    "Policy formulation",
    "Advocacy",
    "Awareness raising",
    "Technical assistance",
    "Data collection and research",
    "Notes",
)

TABLE_COLUMNS = ("region", "activity", "country_offices", "offices_reporting", "percent")

ACTIVITY_LABELS = {
    "training_capacity_building": "Training/capacity building",
    "policy_dialogue": "Policy dialogue",
    "policy_formulation": "Policy formulation",
    "advocacy": "Advocacy",
    "awareness_raising": "Awareness raising",
    "technical_assistance": "Technical assistance",
    "data_collection_and_research": "Data collection and research",
    AT_LEAST_ONE: "At least one of these",
}

# The titles of the charts of Table 1's activity and of "at least one", in a year's charts
# (with the year) and in the trends (with the years).
CHART_TITLES = {
    "training_capacity_building": "Country Offices supporting training/capacity building on "
    "migration",
    AT_LEAST_ONE: "Country Offices reporting at least one of the six activities of Table 2",
}

# How a sentence names an activity ("supporting data collection and research").
ACTIVITY_PHRASES = {
    "training_capacity_building": "training/capacity building",
    "policy_dialogue": "policy dialogue",
    "policy_formulation": "policy formulation",
    "advocacy": "advocacy",
    "awareness_raising": "awareness raising",
    "technical_assistance": "technical assistance",
    "data_collection_and_research": "supporting data collection and research",
    AT_LEAST_ONE: "at least one of these activities",
}


def table_title(number: int, year: int) -> str:
    topic = {1: "Capacity Building", 2: "Data and Research"}[number]
    return f"Table {number}. UNFPA Country Office Activities Related to {topic}, by Region, {year}"
