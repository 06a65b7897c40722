"""The audit trail page (coordinators and admins): builders only."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html

from i18n import format_datetime, t
from models.audit import TrailEntry


class IDS:
    """Component ids of the audit page."""

    refused_only = "audit-refused-only"
    table = "audit-table"


def audit_table(entries: Sequence[TrailEntry], lang: str) -> html.Div | html.Table:
    """The newest entries first; refused attempts stand out."""
    if not entries:
        return html.Div(t("audit.empty", lang), className="alert alert-info")
    cols = ("at", "actor", "action", "target", "outcome", "detail")
    return html.Table(
        className="table table-sm align-middle audit-table",
        children=[
            html.Thead(html.Tr([html.Th(t(f"audit.col.{c}", lang), scope="col") for c in cols])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(format_datetime(e.at, lang)),
                            html.Td(e.actor),
                            html.Td(e.action),
                            html.Td(e.target),
                            html.Td(t(f"audit.outcome.{e.outcome}", lang)),
                            html.Td(e.detail),
                        ],
                        className="table-danger" if e.outcome != "ok" else "",
                        **{"data-outcome": e.outcome},
                    )
                    for e in entries
                ]
            ),
        ],
    )


def audit_page(entries: Sequence[TrailEntry], lang: str) -> list:
    """The whole audit page."""
    return [
        html.H1(t("audit.heading", lang), className="h4 mb-3"),
        dbc.Checkbox(id=IDS.refused_only, label=t("audit.refused_only", lang), value=False, className="mb-2"),
        html.Div(audit_table(entries, lang), id=IDS.table, className="table-responsive"),
    ]
