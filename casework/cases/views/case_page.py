"""Stub module."""
