"""Tests of hearings, notices, calendar invitations and feeds."""
