"""The notification centre over HTTP: the page per role, who sees which notifications, the unread count,
opening a task from a notification (POST /notifications/<id>/open), the filters and urging."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from models import outbox
from models.permissions import SYSTEM
from models.reminders import ReminderPolicy
from models.tables import (
    STEERING_RECIPIENT,
    Agency,
    AuditLog,
    Notification,
    NotificationItem,
    NotificationKind,
    NotificationRead,
    Task,
    User,
)
from models.workdays import WorkCalendar
from tests.conftest import NOW, TODAY, TZ
from tests.web import callback_key, csrf, dash_post, render, seeded_app, text_of
from tests.web import signed_in as _client

# The daily scans behind the notifications of `world` (the later one first, so the earlier one does not
# catch up the days in between): on 15/06 nine digests (Sở Y tế's task 48 still overdue, Viettel's task 24
# due soon, the steering committee's weekly summary …), on 11/06 three (Sở Y tế's task 72 due soon …).
SCAN_DAYS = (date(2026, 6, 15), date(2026, 6, 11))
NO_EMAIL = ("Báo Tuyên Quang", "Ủy ban nhân dân huyện Lâm Bình")  # the demo agencies without an address
SMTP_WARNING = "Chưa cấu hình máy chủ thư (SMTP_HOST)"
DONE_TASK = "2"  # led by Báo Tuyên Quang, done
FILTER_DEFAULTS = {
    "notif-agency.value": "*",
    "notif-kind.value": "*",
    "notif-from.value": None,
    "notif-to.value": None,
    "notif-state.value": "*",
    "notif-unread-only.value": False,
    "notif-refresh.data": 0,
}


# --- helpers -------------------------------------------------------------------------------------


def _engine(app):
    return app.server.extensions[ENGINE_KEY]


def _walk(node, parents=()) -> Iterator[tuple[dict, tuple[dict, ...]]]:
    """Every component of a Dash JSON tree, with its ancestors (nearest last)."""
    if isinstance(node, list):
        for child in node:
            yield from _walk(child, parents)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node, parents
            yield from _walk(node["props"].get("children"), (*parents, node))
        else:
            for value in node.values():
                yield from _walk(value, parents)


def _page(client, app, path: str = "/notifications") -> dict:
    """The shell's response for `path`, as JSON."""
    return json.loads(render(client, app, path))


def _by_id(tree, component_id: str) -> tuple[dict, tuple[dict, ...]] | None:
    return next(((c, p) for c, p in _walk(tree) if c["props"].get("id") == component_id), None)


def _notification_ids(tree) -> list[int]:
    """The notifications a page or a list shows, in order."""
    return [int(c["props"]["data-notification-id"]) for c, _ in _walk(tree) if "data-notification-id" in c["props"]]


def _badge(tree, label: str = "Thông báo") -> tuple[str, str]:
    """The header's unread count and the badge's classes (the badge sits in the header's link)."""
    badge, parents = _by_id(tree, "notif-count")
    link = parents[-1]
    assert link["type"] == "A" and link["props"]["href"] == "/notifications"
    assert link["props"]["children"][0] == label
    return badge["props"]["children"][0]["props"]["children"], badge["props"]["className"]


def _unread(tree, label: str = "Thông báo") -> int:
    """The unread count in the header; the badge is hidden exactly when it is 0."""
    count, classes = _badge(tree, label)
    assert ("d-none" in classes.split()) == (count == "0")
    return int(count)


def _ids(app) -> dict[str, int]:
    with Session(_engine(app)) as s:
        users = {f"user:{u.username}": u.id for u in s.exec(select(User)).all()}
        agencies = {f"agency:{a.code}": a.id for a in s.exec(select(Agency)).all()}
        tasks = {f"task:{t.number}": t.id for t in s.exec(select(Task)).all()}
    return users | agencies | tasks


def _notifications(app) -> list[Notification]:
    with Session(_engine(app)) as s:
        return list(s.exec(select(Notification).order_by(Notification.id)).all())


def _items(app, notification_id: int) -> list[NotificationItem]:
    with Session(_engine(app)) as s:
        return list(s.exec(select(NotificationItem).where(NotificationItem.notification_id == notification_id)).all())


def _reads(app) -> set[tuple[int, int]]:
    """(notification id, user id) of every read mark."""
    with Session(_engine(app)) as s:
        return {(r.notification_id, r.user_id) for r in s.exec(select(NotificationRead)).all()}


def _meant_for(app, username: str) -> set[int]:
    """The notifications `username` should see, worked out from the rows (not through models.outbox)."""
    ids = _ids(app)
    found = _notifications(app)
    if username in ("admin", "sotttt"):
        return {n.id for n in found}
    if username == "soyte":
        return {n.id for n in found if n.agency_id == ids["agency:soyte"]}
    assert username == "bcd"
    return {n.id for n in found if n.recipient == STEERING_RECIPIENT}


def _urge_soyte(app, confirm: bool = False) -> Notification:
    with Session(_engine(app), expire_on_commit=False) as s:
        soyte = s.exec(select(Agency).where(Agency.code == "soyte")).one()
        return outbox.urge(
            session=s,
            actor=SYSTEM,
            now=NOW,
            today=TODAY,
            calendar=WorkCalendar(),
            base_url="http://test",
            agency_id=soyte.id,
            confirm=confirm,
        )


def _of(app, recipient: str, kind: str) -> Notification:
    (found,) = [n for n in _notifications(app) if n.recipient == recipient and n.kind == kind]
    return found


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def app(db_url, tmp_path):
    return seeded_app(db_url, tmp_path / "instance")


@pytest.fixture
def world(app):
    """The demo data with two days' scans and an urge of Sở Y tế today (by the system)."""
    with Session(_engine(app)) as s:
        for day in SCAN_DAYS:
            result = outbox.scan_overdue(
                session=s,
                today=day,
                now=datetime.combine(day, time(7), tzinfo=TZ),
                calendar=WorkCalendar(),
                policy=ReminderPolicy(),
                base_url="http://test",
            )
            assert result.created and result.days == [day]
    _urge_soyte(app)
    return app


# --- the page per role ---------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["admin", "sotttt"])
def test_coordinators_see_the_urge_box_the_agencies_without_email_and_the_smtp_warning(app, username):
    page = _page(_client(app, username), app)
    body = json.dumps(page, ensure_ascii=False)
    assert "Thông báo nhắc việc" in body
    assert _by_id(page, "agency-urge-target") is not None and _by_id(page, "agency-urge-send") is not None
    card, _ = _by_id(page, "notif-no-email")
    card_text = json.dumps(card, ensure_ascii=False)
    assert "Đơn vị chưa có địa chỉ e-mail" in card_text
    listed = [c["props"]["children"] for c, _ in _walk(card) if c["type"] == "Li"]
    assert sorted(listed) == sorted(NO_EMAIL)
    assert "Sở Y tế" not in card_text  # an agency with an address is not listed
    assert SMTP_WARNING in body
    for control in ("notif-agency", "notif-state"):
        _, parents = _by_id(page, control)
        assert not parents[-1]["props"].get("hidden")
    assert _unread(page) == 0
    assert "Chưa có thông báo nào" in body  # the empty state


def test_the_urge_box_offers_the_agencies_with_late_work_first(app):
    page = _page(_client(app, "sotttt"), app)
    select_, _ = _by_id(page, "agency-urge-target")
    options = select_["props"]["options"]
    assert len(options) == 31  # every active agency of the demo
    assert "quá hạn" in options[0]["label"] and not options[0]["label"].endswith("— 0 quá hạn, 0 sắp đến hạn")
    soyte = next(o for o in options if o["value"] == str(_ids(app)["agency:soyte"]))
    assert soyte["label"] == "Sở Y tế — 1 quá hạn, 1 sắp đến hạn"  # task 48 overdue, task 72 due 22/06


def test_no_smtp_warning_when_a_mail_server_is_configured(db_url, tmp_path):
    app = seeded_app(db_url, tmp_path / "instance", SMTP_HOST="127.0.0.1", SMTP_PORT="2525")
    body = json.dumps(_page(_client(app, "sotttt"), app), ensure_ascii=False)
    assert "Đôn đốc đơn vị" in body and SMTP_WARNING not in body


@pytest.mark.parametrize("username", ["soyte", "bcd"])
def test_officers_and_viewers_get_no_urge_box_and_hidden_agency_and_state_filters(app, username):
    page = _page(_client(app, username), app)
    body = json.dumps(page, ensure_ascii=False)
    assert "Thông báo nhắc việc" in body
    for absent in ("agency-urge-target", "agency-urge-send", "notif-no-email"):
        assert _by_id(page, absent) is None, absent
    assert SMTP_WARNING not in body and "Đơn vị chưa có địa chỉ e-mail" not in body
    for control in ("notif-agency", "notif-state"):
        found = _by_id(page, control)
        assert found is not None, control  # present: the filter callback reads it
        assert found[1][-1]["props"].get("hidden") is True, control
    for shown in ("notif-kind", "notif-from", "notif-to", "notif-unread-only", "notif-mark-all"):
        _, parents = _by_id(page, shown)
        assert not any(p["props"].get("hidden") for p in parents), shown
    assert _unread(page) == 0


@pytest.mark.parametrize("username", ["admin", "sotttt", "soyte", "bcd"])
def test_each_user_sees_only_the_notifications_meant_for_them_with_the_unread_count(world, username):
    page = _page(_client(world, username), world)
    expected = _meant_for(world, username)
    assert expected  # every one of them has something in this world
    shown = _notification_ids(page)
    assert len(shown) == len(set(shown)) and set(shown) == expected
    assert _unread(page) == len(expected)
    badge, _ = _by_id(page, "notif-count")
    assert badge["props"]["children"][1]["props"]["children"] == f"{len(expected)} thông báo chưa đọc"
    body = json.dumps(page, ensure_ascii=False)
    assert f"{len(expected)} thông báo · {len(expected)} chưa đọc" in body


def test_who_sees_what_in_numbers(world):
    """The demo's figures, so a change in what each role sees cannot hide behind the rows themselves."""
    counts = {u: len(_notification_ids(_page(_client(world, u), world))) for u in ("sotttt", "soyte", "bcd")}
    assert counts == {"sotttt": 13, "soyte": 3, "bcd": 1}
    soyte_page = json.dumps(_page(_client(world, "soyte"), world), ensure_ascii=False)
    assert "Đôn đốc ngày 16/06/2026" in soyte_page and "Nhắc việc ngày 15/06/2026" in soyte_page
    assert "Ban Chỉ đạo chuyển đổi số tỉnh" not in soyte_page and "Viettel" not in soyte_page
    bcd_page = json.dumps(_page(_client(world, "bcd"), world), ensure_ascii=False)
    assert "Ban Chỉ đạo chuyển đổi số tỉnh" in bcd_page and "Đôn đốc ngày" not in bcd_page


def test_the_newest_notification_comes_first(world):
    shown = _notification_ids(_page(_client(world, "soyte"), world))
    days = {n.id: n.day for n in _notifications(world)}
    assert [days[i] for i in shown] == [TODAY, *SCAN_DAYS]


# --- opening a task from a notification ----------------------------------------------------------


def _open(client, notification_id: int, **form: str):
    return client.post(f"/notifications/{notification_id}/open", data=form)


def test_opening_a_task_marks_the_notification_read_for_that_user_only(world):
    ids = _ids(world)
    urge = _of(world, "soyte", NotificationKind.URGE)
    task_id = _items(world, urge.id)[0].task_id
    officer, coordinator = _client(world, "soyte"), _client(world, "sotttt")
    before_coordinator = _unread(_page(coordinator, world))
    before_officer = _unread(_page(officer, world))

    response = _open(officer, urge.id, csrf_token=csrf(officer), task=str(task_id))
    assert response.status_code == 302 and response.headers["Location"] == f"/task/{task_id}"
    assert _reads(world) == {(urge.id, ids["user:soyte"])}

    officer_page = _page(officer, world)
    assert _unread(officer_page) == before_officer - 1
    card = next(c for c, _ in _walk(officer_page) if c["props"].get("data-notification-id") == str(urge.id))
    assert card["props"]["data-read"] == "1" and "notif-unread" not in card["props"]["className"]
    assert _unread(_page(coordinator, world)) == before_coordinator  # the coordinator's own reading is untouched
    assert _unread(_page(_client(world, "admin"), world)) == len(_notifications(world))

    again = _open(officer, urge.id, csrf_token=csrf(officer), task=str(task_id))  # reading twice is harmless
    assert again.headers["Location"] == f"/task/{task_id}" and len(_reads(world)) == 1


def test_every_task_of_a_notification_opens(world):
    digest = _of(world, "sotttt", NotificationKind.DIGEST)
    client = _client(world, "sotttt")
    tasks = [i.task_id for i in _items(world, digest.id)]
    assert len(tasks) > 1
    for task_id in tasks:
        assert _open(client, digest.id, csrf_token=csrf(client), task=str(task_id)).headers["Location"] == (
            f"/task/{task_id}"
        )
    assert _reads(world) == {(digest.id, _ids(world)["user:sotttt"])}


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_opening_without_the_right_csrf_token_marks_nothing(world, token):
    urge = _of(world, "soyte", NotificationKind.URGE)
    task_id = _items(world, urge.id)[0].task_id
    officer = _client(world, "soyte")
    before = _unread(_page(officer, world))
    form = {"task": str(task_id)} | ({} if token is None else {"csrf_token": token})
    response = _open(officer, urge.id, **form)
    assert response.status_code == 302 and response.headers["Location"] == "/notifications"
    assert _reads(world) == set()
    assert _unread(_page(officer, world)) == before


def test_another_sessions_token_does_not_open_either(world):
    urge = _of(world, "soyte", NotificationKind.URGE)
    task_id = _items(world, urge.id)[0].task_id
    officer, other = _client(world, "soyte"), _client(world, "soyte")
    assert csrf(other) and csrf(other) != csrf(officer)
    response = _open(officer, urge.id, csrf_token=csrf(other), task=str(task_id))
    assert response.headers["Location"] == "/notifications" and _reads(world) == set()


def test_a_notification_the_user_may_not_see_is_not_opened_nor_marked(world):
    officer = _client(world, "soyte")
    for notification in (_of(world, "sotttt", NotificationKind.DIGEST), _of(world, STEERING_RECIPIENT, "digest")):
        task_id = _items(world, notification.id)[0].task_id
        response = _open(officer, notification.id, csrf_token=csrf(officer), task=str(task_id))
        assert response.status_code == 302 and response.headers["Location"] == "/notifications"
    viewer = _client(world, "bcd")
    urge = _of(world, "soyte", NotificationKind.URGE)
    response = _open(viewer, urge.id, csrf_token=csrf(viewer), task=str(_items(world, urge.id)[0].task_id))
    assert response.headers["Location"] == "/notifications"
    unknown = _open(officer, 999999, csrf_token=csrf(officer), task="1")
    assert unknown.headers["Location"] == "/notifications"
    assert _reads(world) == set()


def test_a_task_that_is_not_in_the_notification_goes_back_to_the_list_but_marks_it_read(world):
    """The route marks the notification read before it checks the task (reading it is all the user did)."""
    ids = _ids(world)
    urge = _of(world, "soyte", NotificationKind.URGE)
    assert ids["task:47"] not in {i.task_id for i in _items(world, urge.id)}  # Sở Y tế's, but not late
    officer = _client(world, "soyte")
    response = _open(officer, urge.id, csrf_token=csrf(officer), task=str(ids["task:47"]))
    assert response.status_code == 302 and response.headers["Location"] == "/notifications"
    assert _reads(world) == {(urge.id, ids["user:soyte"])}
    digests = [n for n in _notifications(world) if n.agency_id == ids["agency:soyte"] and n.id != urge.id]
    for notification, task in zip(digests, ("", "abc"), strict=True):  # no task, or not a number
        response = _open(officer, notification.id, csrf_token=csrf(officer), task=task)
        assert response.headers["Location"] == "/notifications"
    assert _reads(world) == {(n.id, ids["user:soyte"]) for n in (urge, *digests)}


def test_anonymous_opening_is_sent_to_the_login_page(world):
    urge = _of(world, "soyte", NotificationKind.URGE)
    anonymous = world.server.test_client()
    response = _open(anonymous, urge.id, csrf_token="x", task=str(_items(world, urge.id)[0].task_id))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert _reads(world) == set()


# --- filters -------------------------------------------------------------------------------------


def _filtered(client, app, **values: object):
    """The filter callback's response for the controls' values (the rest as a fresh page has them)."""
    payload = dict(FILTER_DEFAULTS)
    payload.update({f"notif-{k.replace('_', '-')}.value": v for k, v in values.items()})
    response = dash_post(client, app, callback_key(app, "filter_notifications"), payload, changed="notif-kind.value")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


def _listed(response) -> set[int]:
    return set(_notification_ids(response.get_json()["response"]))


def _with_item_kind(app, kind: str) -> set[int]:
    return {n.id for n in _notifications(app) if any(i.kind == kind for i in _items(app, n.id))}


@pytest.mark.parametrize("username", ["sotttt", "soyte"])
def test_the_kind_filter(world, username):
    client = _client(world, username)
    mine = _meant_for(world, username)
    kinds = {n.id: n.kind for n in _notifications(world)}
    assert _listed(_filtered(client, world)) == mine
    urges = _listed(_filtered(client, world, kind="urge"))
    assert urges == {i for i in mine if kinds[i] == "urge"} and urges
    digests = _listed(_filtered(client, world, kind="digest"))
    assert digests == {i for i in mine if kinds[i] == "digest"} and digests
    due_soon = _listed(_filtered(client, world, kind="due_soon"))
    assert due_soon == _with_item_kind(world, "due_soon") & mine and due_soon
    assert due_soon < mine
    assert _listed(_filtered(client, world, kind="no-such-kind")) == mine  # an unknown kind is ignored


def test_the_item_kind_filter_for_the_coordinator_spans_agencies(world):
    client = _client(world, "sotttt")
    due_soon = _listed(_filtered(client, world, kind="due_soon"))
    recipients = {n.recipient for n in _notifications(world) if n.id in due_soon}
    assert recipients == {"soyte", "viettel"}  # task 72 on 11/06, task 24 on 15/06
    escalated = _listed(_filtered(client, world, kind="escalated_weekly"))
    assert {n.recipient for n in _notifications(world) if n.id in escalated} == {"sotttt", STEERING_RECIPIENT}


@pytest.mark.parametrize(
    ("day_from", "day_to", "days"),
    [
        ("16/06/2026", None, {TODAY}),
        (None, "15/06/2026", set(SCAN_DAYS)),
        ("12/06/2026", "15/06/2026", {date(2026, 6, 15)}),
        ("1/6/2026", "11/06/2026", {date(2026, 6, 11)}),
        ("17/06/2026", None, set()),
    ],
)
def test_the_date_filters(world, day_from, day_to, days):
    client = _client(world, "sotttt")
    response = _filtered(client, world, **{"from": day_from, "to": day_to})
    listed = _listed(response)
    assert listed == {n.id for n in _notifications(world) if n.day in days}
    assert "không hợp lệ" not in text_of(response)
    if not days:
        assert "Chưa có thông báo nào" in text_of(response)


@pytest.mark.parametrize("field", ["from", "to"])
def test_a_wrong_date_is_said_and_not_applied(world, field):
    client = _client(world, "sotttt")
    response = _filtered(client, world, **{field: "31/02/2026"})
    text = text_of(response)
    assert "Ngày «31/02/2026» không hợp lệ" in text and "dd/mm/yyyy" in text
    assert _listed(response) == _meant_for(world, "sotttt")  # the wrong date filters nothing out
    other = "to" if field == "from" else "from"
    kept = _filtered(client, world, **{field: "31/02/2026", other: "16/06/2026"})
    expected = {n.id for n in _notifications(world) if (n.day >= TODAY if other == "from" else n.day <= TODAY)}
    assert _listed(kept) == expected and "không hợp lệ" in text_of(kept)  # the right one still applies


def test_unread_only(world):
    officer = _client(world, "soyte")
    urge = _of(world, "soyte", NotificationKind.URGE)
    mine = _meant_for(world, "soyte")
    assert _listed(_filtered(officer, world, unread_only=True)) == mine
    assert _open(officer, urge.id, csrf_token=csrf(officer), task=str(_items(world, urge.id)[0].task_id)).status_code
    assert _listed(_filtered(officer, world, unread_only=True)) == mine - {urge.id}
    assert _listed(_filtered(officer, world, unread_only=False)) == mine
    # reading is per user: the coordinator still has it unread
    assert urge.id in _listed(_filtered(_client(world, "sotttt"), world, unread_only=True))


def test_the_agency_filter_narrows_the_coordinators_list(world):
    ids = _ids(world)
    client = _client(world, "sotttt")
    listed = _listed(_filtered(client, world, agency=str(ids["agency:soyte"])))
    assert listed == _meant_for(world, "soyte")


@pytest.mark.parametrize("agency", ["sotttt", "viettel"])
def test_an_officer_cannot_see_other_agencies_by_forging_the_agency_filter(world, agency):
    ids = _ids(world)
    officer = _client(world, "soyte")
    forged = _filtered(officer, world, agency=str(ids[f"agency:{agency}"]))
    others = {n.id for n in _notifications(world) if n.agency_id == ids[f"agency:{agency}"]}
    assert others  # there is something to leak
    listed = _listed(forged)
    assert not listed & others and listed <= _meant_for(world, "soyte")
    assert _listed(_filtered(officer, world, state="pending")) <= _meant_for(world, "soyte")


def test_a_viewer_cannot_see_agencies_by_forging_the_agency_filter(world):
    ids = _ids(world)
    viewer = _client(world, "bcd")
    for agency in ("soyte", "sotttt"):
        assert _listed(_filtered(viewer, world, agency=str(ids[f"agency:{agency}"]))) <= _meant_for(world, "bcd")


def test_mark_all_read_clears_the_users_count_only(world):
    officer = _client(world, "soyte")
    values = dict(FILTER_DEFAULTS) | {"notif-mark-all.n_clicks": 1}
    response = dash_post(officer, world, callback_key(world, "mark_all_read"), values)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    out = response.get_json()["response"]
    assert out["notif-count"]["className"].split()[-1] == "d-none"
    soyte_user = _ids(world)["user:soyte"]
    assert _reads(world) == {(i, soyte_user) for i in _meant_for(world, "soyte")}
    assert _unread(_page(officer, world)) == 0
    assert _unread(_page(_client(world, "bcd"), world)) == len(_meant_for(world, "bcd"))


def test_the_header_badge_follows_new_notifications_without_a_reload(world):
    """The header's timer asks for the unread count again: nothing is sent while it is the same, a new
    urge shows at once, and reading everything elsewhere (another tab) hides the badge."""
    officer = _client(world, "soyte")
    shown = _by_id(_page(officer, world), "notif-count")[0]["props"]["children"]
    before = _unread(_page(officer, world))
    key = callback_key(world, "refresh_unread_badge")

    def tick(children):
        return dash_post(officer, world, key, {"unread-tick.n_intervals": 1, "notif-count.children": children})

    assert tick(shown).status_code == 204  # unchanged: no redraw
    _urge_soyte(world, confirm=True)  # Sở Y tế was urged once today already
    response = tick(shown)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    badge = response.get_json()["response"]["notif-count"]
    assert badge["children"][0]["props"]["children"] == str(before + 1)
    assert "d-none" not in badge["className"].split()
    assert badge["children"][1]["props"]["children"].startswith(str(before + 1))  # said to screen readers too

    with Session(_engine(world)) as s:
        outbox.mark_read(session=s, actor=s.get(User, _ids(world)["user:soyte"]), now=NOW)
    badge = tick(badge["children"]).get_json()["response"]["notif-count"]
    assert badge["children"][0]["props"]["children"] == "0" and "d-none" in badge["className"].split()


# --- urging --------------------------------------------------------------------------------------


def _urge_agency(client, app, agency: object, *, confirm: bool = False, note: str = ""):
    button = "agency-urge-confirm" if confirm else "agency-urge-send"
    response = dash_post(
        client,
        app,
        callback_key(app, "urge_agency"),
        {
            "agency-urge-send.n_clicks": 1,
            "agency-urge-confirm.n_clicks": 1 if confirm else None,
            "agency-urge-target.value": agency,
            "agency-urge-note.value": note,
        },
        changed=f"{button}.n_clicks",
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


def _urges(app, code: str) -> list[Notification]:
    return sorted((n for n in _notifications(app) if n.kind == "urge" and n.recipient == code), key=lambda n: n.seq)


@pytest.mark.parametrize("agency", [None, "", "*"])
def test_urging_without_an_agency_asks_for_one(app, agency):
    out = _urge_agency(_client(app, "sotttt"), app, agency)
    assert "Hãy chọn đơn vị cần đôn đốc." in json.dumps(out, ensure_ascii=False)
    assert set(out) == {"agency-urge-msg"}  # nothing else changes
    assert _notifications(app) == []


def test_urging_an_agency_then_again_then_anyway(app):
    client = _client(app, "sotttt")
    soyte = str(_ids(app)["agency:soyte"])

    first = _urge_agency(client, app, soyte, note="Đề nghị báo cáo trước 20/06")
    message = json.dumps(first["agency-urge-msg"], ensure_ascii=False)
    assert "Đã đôn đốc Sở Y tế (2 nhiệm vụ)" in message
    assert "thư điện tử sẽ gửi khi máy chủ thư được cấu hình" in message
    assert "alert-success" in message
    assert "d-none" in first["agency-urge-confirm"]["className"].split()
    assert first["agency-urge-note"]["value"] == ""
    assert first["notif-refresh"]["data"]  # the list reloads
    (urge,) = _urges(app, "soyte")
    assert (urge.seq, urge.day, urge.email_state) == (0, TODAY, "pending")  # waits for a mail server
    assert urge.created_by_label.endswith("(sotttt)")
    assert "Đề nghị báo cáo trước 20/06" in urge.body_text
    assert {i.task_id for i in _items(app, urge.id)} == {_ids(app)["task:48"], _ids(app)["task:72"]}

    second = _urge_agency(client, app, soyte)
    message = json.dumps(second["agency-urge-msg"], ensure_ascii=False)
    assert "Sở Y tế đã được đôn đốc hôm nay" in message and "Vẫn gửi" in message
    assert "d-none" not in second["agency-urge-confirm"]["className"].split()
    assert "agency-urge-note" not in second and "notif-refresh" not in second  # the note is kept
    assert len(_urges(app, "soyte")) == 1

    anyway = _urge_agency(client, app, soyte, confirm=True)
    assert "Đã đôn đốc Sở Y tế" in json.dumps(anyway["agency-urge-msg"], ensure_ascii=False)
    assert "d-none" in anyway["agency-urge-confirm"]["className"].split()
    assert [n.seq for n in _urges(app, "soyte")] == [0, 1]

    # the officer sees both, unread
    officer_page = _page(_client(app, "soyte"), app)
    assert set(_notification_ids(officer_page)) == {n.id for n in _urges(app, "soyte")}
    assert _unread(officer_page) == 2
    with Session(_engine(app)) as s:
        audit = s.exec(select(AuditLog).where(AuditLog.action == "urge")).all()
    assert len(audit) == 2


def test_urging_an_agency_without_an_address_says_so(app):
    """The demo agencies without an address have no late work, so Sở Y tế loses its address here."""
    with Session(_engine(app)) as s:
        soyte = s.exec(select(Agency).where(Agency.code == "soyte")).one()
        soyte.emails = []
        s.add(soyte)
        s.commit()
    out = _urge_agency(_client(app, "sotttt"), app, str(_ids(app)["agency:soyte"]))
    message = json.dumps(out["agency-urge-msg"], ensure_ascii=False)
    assert "Đã đôn đốc Sở Y tế (2 nhiệm vụ) trên hệ thống; đơn vị chưa có địa chỉ e-mail." in message
    assert [(n.email_state, n.emails) for n in _urges(app, "soyte")] == [("no_address", [])]


def test_urging_an_agency_with_nothing_late_is_refused(app):
    with Session(_engine(app)) as s:
        late = outbox.urgeable_agencies(session=s, today=TODAY, calendar=WorkCalendar())
    quiet = next(u.agency for u in late if not u.overdue and not u.due_soon)
    out = _urge_agency(_client(app, "sotttt"), app, str(quiet.id))
    message = json.dumps(out["agency-urge-msg"], ensure_ascii=False)
    assert "không có nhiệm vụ quá hạn hoặc sắp đến hạn để đôn đốc" in message and "alert-danger" in message
    assert _notifications(app) == []


@pytest.mark.parametrize("username", ["soyte", "bcd"])
def test_only_coordinators_may_urge(app, username):
    out = _urge_agency(_client(app, username), app, str(_ids(app)["agency:soyte"]))
    assert "alert-danger" in json.dumps(out, ensure_ascii=False)
    assert _notifications(app) == []


def _urge_task(client, app, task_id: int, *, confirm: bool = False):
    button = "task-urge-confirm" if confirm else "task-urge-send"
    response = dash_post(
        client,
        app,
        callback_key(app, "urge_task"),
        {
            "task-urge-send.n_clicks": 1,
            "task-urge-confirm.n_clicks": 1 if confirm else None,
            "task-id.data": task_id,
            "task-urge-note.value": "",
        },
        changed=f"{button}.n_clicks",
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


def test_urging_a_done_task_is_refused(app):
    done = _ids(app)[f"task:{DONE_TASK}"]
    with Session(_engine(app)) as s:
        assert s.get(Task, done).status == "done"
    out = _urge_task(_client(app, "sotttt"), app, done)
    message = json.dumps(out["task-urge-msg"], ensure_ascii=False)
    assert "Chỉ đôn đốc được nhiệm vụ chưa triển khai hoặc đang thực hiện." in message
    assert "alert-danger" in message
    assert _notifications(app) == []


def test_urging_a_task_then_again(app):
    client = _client(app, "sotttt")
    task_id = _ids(app)["task:47"]  # Sở Y tế's, in progress (not late: a task urge needs no deadline)
    first = _urge_task(client, app, task_id)
    assert "Đã đôn đốc Sở Y tế (1 nhiệm vụ)" in json.dumps(first["task-urge-msg"], ensure_ascii=False)
    (urge,) = _urges(app, "soyte")
    assert [i.task_id for i in _items(app, urge.id)] == [task_id]
    second = _urge_task(client, app, task_id)
    assert "đã được đôn đốc hôm nay" in json.dumps(second["task-urge-msg"], ensure_ascii=False)
    assert "d-none" not in second["task-urge-confirm"]["className"].split()
    _urge_task(client, app, task_id, confirm=True)
    assert [n.seq for n in _urges(app, "soyte")] == [0, 1]


# --- English -------------------------------------------------------------------------------------


def test_the_page_speaks_english_after_the_switch(world):
    client = _client(world, "sotttt")
    client.get("/lang/en?next=/notifications")
    page = _page(client, world)
    body = json.dumps(page, ensure_ascii=False)
    assert "Reminders and notifications" in body and "Thông báo nhắc việc" not in body
    send, _ = _by_id(page, "agency-urge-send")
    assert send["props"]["children"] == "Urge now"
    assert "Agencies without an e-mail address" in body and "No mail server is configured" in body
    assert _unread(page, "Notifications") == len(_notifications(world))
    badge, _ = _by_id(page, "notif-count")
    assert badge["props"]["children"][1]["props"]["children"] == f"{len(_notifications(world))} unread notifications"
    assert "Urgent request of 16/06/2026" in body
    out = _urge_agency(client, world, None)
    assert "Choose the agency to urge." in json.dumps(out, ensure_ascii=False)
