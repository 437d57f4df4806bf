"""Notifications area."""
