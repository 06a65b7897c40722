"""Import a plan from its appendix (`/admin/import`): upload, preview, map unknown agencies, confirm.

Builders only. The preview shows counts by category, every problem with its row and column, the parsed
table, and for a plan that exists the tasks added, removed and changed; nothing is written until the
coordinator confirms a preview without problems.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import format_date, format_number, t
from models.plan_import import ImportPreview
from models.tables import Agency, Category

NEW = "__new__"  # "create this agency"


class IDS:
    """Component ids of the import page."""

    upload = "imp-upload"
    file_name = "imp-file-name"
    plan_code = "imp-plan-code"
    plan_title = "imp-plan-title"
    create = "imp-create"
    preview = "imp-preview"
    confirm = "imp-confirm"
    msg = "imp-msg"
    template = "imp-template"
    export = "imp-export"
    download = "imp-download"
    map_type = "imp-map"


def mapping_controls(unknown: dict[str, list[int]], agencies: Sequence[Agency], lang: str) -> list:
    """For each name the tracker does not know (as the file writes it): create it, or map it to an agency."""
    if not unknown:
        return []
    options = [{"label": t("import.map_new", lang), "value": NEW}] + [
        {"label": f"{a.short_name} — {a.name}", "value": str(a.id)} for a in agencies
    ]
    rows = []
    for name, found_rows in unknown.items():
        rows.append(
            html.Tr(
                [
                    html.Td(name, className="user-text"),
                    html.Td(", ".join(str(r) for r in sorted(set(found_rows)))),
                    html.Td(
                        dbc.Select(
                            id={"type": IDS.map_type, "name": name},
                            options=options,
                            size="sm",
                            placeholder=t("import.map_pick", lang),
                        )
                    ),
                ]
            )
        )
    return [
        html.H3(t("import.unknown_heading", lang), className="h6 mt-3"),
        html.P(t("import.unknown_hint", lang), className="small text-muted"),
        html.Table(
            [
                html.Thead(html.Tr([html.Th(t(f"import.unknown.{k}", lang)) for k in ("name", "rows", "action")])),
                html.Tbody(rows),
            ],
            className="table table-sm align-middle",
            id="imp-unknown",
        ),
    ]


def preview_view(preview: ImportPreview, categories: Sequence[Category], lang: str) -> list:
    """The preview: summary line, problems, notices, counts by category, changes, the parsed table."""
    names = {c.code: (c.name_en if lang == "en" else c.name_vi) for c in categories}
    counts = preview.counts()
    out: list = []
    if preview.problems:
        out.append(
            html.Div(
                [
                    html.P(
                        t("import.problems", lang, n=format_number(len(preview.problems), lang, 0)),
                        className="fw-semibold mb-1",
                    ),
                    html.Ul(
                        [html.Li(p.message(lang)) for p in preview.problems], className="mb-0 small", id="imp-problems"
                    ),
                ],
                className="alert alert-danger",
                role="alert",
            )
        )
    else:
        out.append(
            html.Div(
                t("import.ready", lang, n=format_number(len(preview.tasks), lang, 0)),
                className="alert alert-success",
                role="status",
                id="imp-ready",
            )
        )
    if preview.notices:
        out.append(
            html.Details(
                [
                    html.Summary(
                        t("import.notices", lang, n=format_number(len(preview.notices), lang, 0)), className="small"
                    ),
                    html.Ul([html.Li(p.message(lang)) for p in preview.notices], className="small"),
                ],
                className="mb-2",
            )
        )
    out.append(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(t("review.col.category", lang)), html.Th(t("import.count", lang))])),
                html.Tbody(
                    [
                        html.Tr([html.Td(names.get(code, code)), html.Td(format_number(n, lang, 0))])
                        for code, n in counts.items()
                    ]
                ),
            ],
            className="table table-sm w-auto",
            id="imp-counts",
        )
    )
    if preview.existing_plan_id is not None:
        out.append(
            html.Div(
                [
                    html.P(t("import.update", lang), className="fw-semibold mb-1"),
                    html.Ul(
                        [
                            html.Li(
                                t(f"import.diff.{kind}", lang, n=len(numbers), numbers=", ".join(numbers[:40]) or "—")
                            )
                            for kind, numbers in (
                                ("added", preview.added),
                                ("changed", preview.changed),
                                ("removed", preview.removed),
                            )
                        ],
                        className="small mb-0",
                        id="imp-diff",
                    ),
                ],
                className="alert alert-info",
            )
        )
    rows = [
        html.Tr(
            [
                html.Td(task.row),
                html.Td(task.number),
                html.Td(task.title, className="user-text"),
                html.Td(names.get(task.category_code, task.category_code)),
                html.Td(task.lead_text),
                html.Td(task.time_frame),
                html.Td(format_date(task.due_date, lang) or t("task.no_due", lang)),
            ]
        )
        for task in preview.tasks
    ]
    headers = ("row", "number", "title", "category", "lead", "time_frame", "due")
    out.append(
        html.Div(
            html.Table(
                [html.Thead(html.Tr([html.Th(t(f"import.table.{h}", lang)) for h in headers])), html.Tbody(rows)],
                className="table table-sm align-middle",
                id="imp-table",
            ),
            className="table-responsive",
            style={"maxHeight": "60vh"},
        )
    )
    return out


def import_page(lang: str) -> list:
    """The page: the file, the plan's reference and title, and the preview area."""
    return [
        html.H1(t("import.heading", lang), className="h4 mb-2"),
        html.P(t("import.intro", lang), className="text-muted"),
        html.Div(
            [
                dbc.Button(t("import.template", lang), id=IDS.template, color="secondary", outline=True, size="sm"),
                dbc.Button(t("import.export", lang), id=IDS.export, color="secondary", outline=True, size="sm"),
                dcc.Download(id=IDS.download),
            ],
            className="d-flex gap-2 mb-3",
        ),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dcc.Upload(
                            id=IDS.upload,
                            accept=".xlsx",
                            max_size=5 * 1024 * 1024,
                            children=html.Div([t("import.drop", lang), " ", html.A(t("import.choose", lang))]),
                            className="imp-upload",
                        ),
                        html.Div(id=IDS.file_name, className="small mt-1", **{"aria-live": "polite"}),
                    ],
                    lg=4,
                ),
                dbc.Col(
                    [
                        dbc.Label(
                            t("import.plan_code", lang), html_for=IDS.plan_code, className="form-label small mb-1"
                        ),
                        dbc.Input(id=IDS.plan_code, size="sm", maxLength=60, placeholder="55/KH-UBND", debounce=True),
                        dbc.Label(
                            t("import.plan_title", lang),
                            html_for=IDS.plan_title,
                            className="form-label small mb-1 mt-2",
                        ),
                        dbc.Input(id=IDS.plan_title, size="sm", maxLength=500),
                    ],
                    lg=4,
                ),
                dbc.Col(
                    [
                        dbc.Checkbox(id=IDS.create, label=t("import.create_agencies", lang), value=False),
                        dbc.Button(
                            t("import.confirm", lang), id=IDS.confirm, color="primary", className="mt-2", disabled=True
                        ),
                        html.Div(id=IDS.msg, className="mt-2", **{"aria-live": "polite"}),
                    ],
                    lg=4,
                ),
            ],
            className="mb-3",
        ),
        dcc.Loading(
            html.Div(html.P(t("import.empty", lang), className="text-muted"), id=IDS.preview),
            type="dot",
            delay_show=200,
        ),
    ]
