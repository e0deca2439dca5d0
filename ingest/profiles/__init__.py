"""Layout profiles: what one publisher's layout says about where each field is (invoice2data-style YAML).

A profile has a fingerprint (words the document shows, the labels it prints, a table header) and field
hints (the label next to a value, a regular expression, a table column, a fixed sheet cell, a row
pattern for a table printed as text). When a document's fingerprint matches, its kind is the profile's
and the hints are used before anything else. Profiles ship with the project (`builtin/`, and any folder
a plugin returns from the `auditpack_layout_profiles` hook) and are taught in a workspace
(`<workspace>/layouts/`, see `teach.py`). Per-publisher knowledge lives here as data, never in a parser.
"""
from ingest.profiles.model import Correction, FieldHint, Fingerprint, LayoutProfile, ProfileError, RowsHint

__all__ = ["Correction", "FieldHint", "Fingerprint", "LayoutProfile", "ProfileError", "RowsHint"]
