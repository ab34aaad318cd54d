"""Resolve text to canonical records: actors (knowledge base), places (gazetteer), dates."""
