"""Statistics on UNFPA country offices' work on international migration, year after year."""

__version__ = "0.1.0"
