"""Cases area."""
