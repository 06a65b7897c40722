"""The list view `/tasks`: every task in a sortable, filterable grid (dash-ag-grid), the board's filters."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from dashapp.board_page import IDS, LIST_FILTERS, filter_bar, view_switch
from i18n import t
from models.board import BoardFilters
from models.tables import Plan

GRID_LOCALE_KEYS = (
    "noRowsToShow",
    "loadingOoo",
    "filterOoo",
    "equals",
    "notEqual",
    "contains",
    "notContains",
    "startsWith",
    "endsWith",
    "blank",
    "notBlank",
    "lessThan",
    "greaterThan",
    "lessThanOrEqual",
    "greaterThanOrEqual",
    "inRange",
    "andCondition",
    "orCondition",
    "applyFilter",
    "resetFilter",
    "clearFilter",
    "page",
    "of",
    "to",
    "pageSizeSelectorLabel",
)


def column_defs(lang: str) -> list[dict]:
    """Vietnamese column names; the deadline sorts by date and shows dd/mm/yyyy."""
    return [
        {"field": "n", "headerName": t("tasks.col.number", lang), "width": 80, "filter": "agNumberColumnFilter"},
        {
            "field": "title",
            "headerName": t("tasks.col.title", lang),
            "flex": 3,
            "minWidth": 280,
            "cellRenderer": "TaskLink",
            "wrapText": True,
            "autoHeight": True,
        },
        {"field": "category", "headerName": t("list.col.category", lang), "flex": 1, "minWidth": 150},
        {"field": "agency", "headerName": t("tasks.col.lead", lang), "flex": 1, "minWidth": 130},
        {"field": "time_frame", "headerName": t("tasks.col.time_frame", lang), "width": 150},
        {
            "field": "due",
            "headerName": t("tasks.col.due", lang),
            "width": 130,
            "valueFormatter": {"function": "params.value ? params.value.split('-').reverse().join('/') : '—'"},
        },
        {"field": "status", "headerName": t("tasks.col.status", lang), "width": 150},
        {"field": "deadline", "headerName": t("tasks.col.deadline", lang), "width": 170, "cellClass": "grid-deadline"},
        {
            "field": "progress",
            "headerName": t("tasks.col.progress", lang),
            "width": 100,
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.value + '%'"},
        },
    ]


LIST_EXCEL = "list-excel"
LIST_DOWNLOAD = "list-download"
LIST_EXPORT_MSG = "list-export-msg"


def export_button(lang: str) -> list:
    """Excel export of the tasks the filters show (coordinators and the steering committee)."""
    return [
        html.Button(t("list.excel", lang), id=LIST_EXCEL, className="btn btn-sm btn-outline-success", type="button"),
        dcc.Download(id=LIST_DOWNLOAD),
        html.Span(id=LIST_EXPORT_MSG, className="small", **{"aria-live": "polite"}),
    ]


def list_page(filters: BoardFilters, *, plan: Plan | None, lang: str, may_export: bool = False, **bar) -> list:
    """The whole list page; rows arrive from the `load_list` callback."""
    return [
        html.H1(plan.title if plan else t("list.heading", lang), className="h5 mb-1"),
        filter_bar(filters, ids=LIST_FILTERS, lang=lang, view="list", **bar),
        html.Div(
            [
                html.P(
                    t("board.loading", lang),
                    id=IDS.list_count,
                    className="summary-line fw-semibold mb-0",
                    role="status",
                ),
                *(export_button(lang) if may_export and plan is not None else []),
                html.Div(view_switch(filters, lang, "list"), className="ms-auto"),
            ],
            className="d-flex align-items-center gap-2 mb-2",
        ),
        dag.AgGrid(
            id=IDS.grid,
            columnDefs=column_defs(lang),
            rowData=[],
            defaultColDef={"sortable": True, "filter": True, "resizable": True},
            dashGridOptions={
                "localeText": {key: t(f"grid.{key}", lang) for key in GRID_LOCALE_KEYS},
                "animateRows": False,
                "pagination": True,
                "paginationPageSize": 100,
                "enableCellTextSelection": True,
            },
            getRowId="params.data.id",
            className="ag-theme-quartz task-grid",
            style={"height": "70vh"},
        ),
    ]
