"""The translation workflow's admin pieces, each in its own module."""

from . import dashboard_hooks, po_hooks  # noqa: F401 (they register hooks)
