"""Temporal expressions: recognising them in text (grammar) and normalising them to TIMEX3 values
(calendar, numbers). Pure functions over strings and dates so they test without a model."""
