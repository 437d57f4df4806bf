"""Parties area."""
