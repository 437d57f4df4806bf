"""Models of this area (being built)."""
