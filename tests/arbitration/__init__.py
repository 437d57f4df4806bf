"""Tests of the SCIA arbitration rules."""
