"""Domain model, rules and persistence of the tracker. Imports no UI code (no dash, flask, dashapp)."""

from models import tables  # noqa: F401  (registers every table on the metadata)
