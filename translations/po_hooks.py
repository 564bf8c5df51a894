"""PO upload checks: hooks registered here."""
