"""Hearings: sessions, attendance, outcomes, confidential material and calendar invitations."""
