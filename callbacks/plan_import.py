"""The import page: preview an uploaded appendix, then write it all or nothing; template and export."""

from __future__ import annotations

import base64
import binascii

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import as_id, attempt
from callbacks.registry import read_callback, write_callback
from dashapp.components import alert
from dashapp.import_page import IDS, NEW, mapping_controls, preview_view
from dashapp.lang import current_lang, tr
from dashapp.plan_workbook import plan_workbook, template_workbook
from i18n import format_number
from models import plan_import
from models.board import select_plan
from models.plan_export import plan_sections
from models.plans import list_agencies, list_categories
from models.review import may_export


def _file(contents: str | None) -> bytes | None:
    """The uploaded bytes from dcc.Upload's data URL."""
    if not contents or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=False)
    except (binascii.Error, ValueError):
        return b""


def _choices(values, ids) -> tuple[dict[str, int], set[str]]:
    """The coordinator's choices for unknown agencies: name → agency id, and the names to create."""
    mapped: dict[str, int] = {}
    create: set[str] = set()
    for value, component in zip(values or [], ids or [], strict=False):
        name = component.get("name") if isinstance(component, dict) else None
        if not name or not value:
            continue
        if value == NEW:
            create.add(name)
        elif as_id(value) is not None:
            mapped[name] = as_id(value)
    return mapped, create


def _preview(s, actor, now, data, filename, plan_code, mapped, create_all):
    return plan_import.preview_file(
        session=s, actor=actor, now=now, data=data, filename=filename or "", plan_code=plan_code or "",
        agency_map=mapped, create_agencies=create_all,
    )  # fmt: skip


def preview_upload(contents, filename, plan_code, create, map_values, map_ids):
    """Read the file and show what importing it would do (nothing is written)."""
    data = _file(contents)
    if data is None:
        raise PreventUpdate
    lang = current_lang()
    mapped, create_names = _choices(map_values, map_ids)

    def work(s, actor, now):
        # the names the file uses that the tracker does not know, whatever is mapped so far: their
        # controls stay on the page (with the choice made) while the preview follows the choices
        unknown = _preview(s, actor, now, data, filename, plan_code, {}, True).unknown_agencies
        unmapped = set(unknown) - set(mapped)
        create_all = bool(create) or (bool(unmapped) and unmapped <= create_names)
        found = _preview(s, actor, now, data, filename, plan_code, mapped, create_all)
        return found, unknown, list_agencies(session=s), list_categories(session=s)

    result, error = attempt(work)
    name = tr("import.file", name=filename or "?")
    if error:
        return [alert(error, False)], True, name
    preview, unknown, agencies, categories = result
    controls = mapping_controls(unknown, agencies, lang)
    for control in controls:  # keep the choices made so far when the preview is redrawn
        _keep_choices(control, {**{k: str(v) for k, v in mapped.items()}, **{k: NEW for k in create_names}})
    ready = preview.ok and bool((plan_code or "").strip())
    return [*preview_view(preview, categories, lang), *controls], not ready, name


def _keep_choices(component, chosen: dict[str, str]) -> None:
    children = getattr(component, "children", None)
    component_id = getattr(component, "id", None)
    if isinstance(component_id, dict) and component_id.get("name") in chosen:
        component.value = chosen[component_id["name"]]
    if isinstance(children, list):
        for child in children:
            _keep_choices(child, chosen)
    elif children is not None and not isinstance(children, str | int | float):
        _keep_choices(children, chosen)


def confirm_import(n_clicks, contents, filename, plan_code, plan_title, create, map_values, map_ids):
    """Write the previewed plan (all or nothing)."""
    if not n_clicks:
        raise PreventUpdate
    data = _file(contents)
    if not data:
        return alert(tr("import.no_file"), False), no_update
    mapped, create_names = _choices(map_values, map_ids)

    def work(s, actor, now):
        unknown = _preview(s, actor, now, data, filename, plan_code, {}, True).unknown_agencies
        unmapped = set(unknown) - set(mapped)
        create_all = bool(create) or unmapped <= create_names
        preview = _preview(s, actor, now, data, filename, plan_code, mapped, create_all)
        return plan_import.apply_import(
            session=s, actor=actor, now=now, preview=preview, plan_code=plan_code or "", plan_title=plan_title or "",
            create_agencies=create_all,
        )  # fmt: skip

    result, error = attempt(work)
    if error:
        return alert(error, False), no_update
    lang = current_lang()
    message = tr(
        "import.done",
        code=result.plan.code,
        created=format_number(result.created, lang, 0),
        updated=format_number(result.updated, lang, 0),
        cancelled=format_number(result.cancelled, lang, 0),
        agencies=format_number(result.agencies_created, lang, 0),
    )
    return alert(message, True), True


def download_plan_file(template_clicks, export_clicks):
    """The empty template, or the current plan in the appendix layout."""
    pressed = ctx.triggered_id
    if pressed not in (IDS.template, IDS.export) or not (template_clicks or export_clicks):
        raise PreventUpdate
    lang = current_lang()
    if pressed == IDS.template:
        return dcc.send_bytes(template_workbook(lang=lang), "mau-phu-luc-ke-hoach.xlsx")

    def work(s, actor, now):
        plan = select_plan(session=s, plan_id=None)
        if plan is None:
            raise plan_import.ValidationError("import.error.no_tasks")
        may_export(session=s, actor=actor, now=now, plan_id=plan.id)
        return plan_workbook(plan=plan, sections=plan_sections(session=s, plan_id=plan.id), lang=lang), plan.code

    result, error = attempt(work)
    if error:
        raise PreventUpdate
    data, code = result
    safe = "".join(ch if ch.isalnum() else "-" for ch in code)
    return dcc.send_bytes(data, f"phu-luc-{safe}.xlsx")


def register(app: Dash) -> None:
    """Wire the import page."""
    mapping = [State({"type": IDS.map_type, "name": ALL}, "value"), State({"type": IDS.map_type, "name": ALL}, "id")]
    read_callback(
        app,
        Output(IDS.preview, "children"),
        Output(IDS.confirm, "disabled"),
        Output(IDS.file_name, "children"),
        Input(IDS.upload, "contents"),
        State(IDS.upload, "filename"),
        Input(IDS.plan_code, "value"),
        Input(IDS.create, "value"),
        Input({"type": IDS.map_type, "name": ALL}, "value"),
        mapping[1],
        prevent_initial_call=True,
    )(preview_upload)
    write_callback(
        app,
        Output(IDS.msg, "children"),
        Output(IDS.confirm, "disabled", allow_duplicate=True),
        Input(IDS.confirm, "n_clicks"),
        State(IDS.upload, "contents"),
        State(IDS.upload, "filename"),
        State(IDS.plan_code, "value"),
        State(IDS.plan_title, "value"),
        State(IDS.create, "value"),
        *mapping,
        prevent_initial_call=True,
    )(confirm_import)
    read_callback(
        app,
        Output(IDS.download, "data"),
        Input(IDS.template, "n_clicks"),
        Input(IDS.export, "n_clicks"),
        prevent_initial_call=True,
    )(download_plan_file)
