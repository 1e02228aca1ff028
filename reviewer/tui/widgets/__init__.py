"""Widgets of the review app; each keeps its look in its DEFAULT_CSS."""
