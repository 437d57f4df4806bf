"""Deadlines: business-day calendars for Singapore and China, deadline rules, reminders."""
