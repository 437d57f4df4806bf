"""Documents area."""
