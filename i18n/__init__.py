"""The one message catalogue and the Vietnamese-first formatters.

Every user-facing string goes through `t(key, lang, **params)`. Vietnamese is the source language;
English is the switch. This package imports nothing from the UI so `models/` can use it for error
messages and reports.
"""

from i18n.catalogue import DEFAULT_LANG, LANGS, MESSAGES, t
from i18n.fmt import format_date, format_datetime, format_number, format_percent

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "MESSAGES",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "t",
]
