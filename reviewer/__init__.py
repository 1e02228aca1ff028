"""reviewer: quality review for machine-translated news articles."""

__version__ = "0.1.0"
