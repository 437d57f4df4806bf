"""Mediators area."""
