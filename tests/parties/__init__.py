"""Tests of the party registry."""
