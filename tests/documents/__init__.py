"""Tests of document uploads."""
