"""Generated documents: PDFs rendered by the system from case data (not uploads)."""
