"""The translation dashboard: hooks registered here."""
