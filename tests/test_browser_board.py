"""The board end to end in headless Chromium: cards, drag and drop, keyboard moves, refusals,
conflicts, filters in the URL, the language switch, live refresh and a 10,000-task plan."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select
from werkzeug.serving import make_server

from dashapp.cli import build_parser, cmd_seed_demo
from dashapp.db import ENGINE_KEY
from models.board import DEFAULT_CELL_LIMIT
from models.deadlines import DeadlineState, deadline
from models.tables import Agency, Status, Task
from models.text import fold
from models.workdays import default_calendar
from tests.conftest import TODAY
from tests.test_browser import browser_type_launch_args, sign_in  # noqa: F401  (fixture)
from tests.web import build_settings, seeded_app

pytestmark = pytest.mark.browser
expect.set_options(timeout=15_000)  # a shared 2-core machine: give the browser time, never assert on it


@dataclass
class Live:
    url: str
    app: object

    def session(self) -> Session:
        return Session(self.app.server.extensions[ENGINE_KEY])

    def task(self, **where) -> Task:
        with self.session() as s:
            query = select(Task)
            for field, value in where.items():
                query = query.where(getattr(Task, field) == value)
            return s.exec(query.order_by(Task.position)).first()

    def status_of(self, task_id: int) -> str:
        with self.session() as s:
            return s.get(Task, task_id).status


def _serve(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def live(tmp_path) -> Iterator[Live]:
    app = seeded_app(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance", BOARD_REFRESH_SECONDS="1")
    for url in _serve(app):
        yield Live(url, app)


@pytest.fixture
def quiet(tmp_path) -> Iterator[Live]:
    """The same app, but the board never refreshes by itself (a stale card stays stale)."""
    app = seeded_app(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance", BOARD_REFRESH_SECONDS="3600")
    for url in _serve(app):
        yield Live(url, app)


@pytest.fixture
def tall_page(browser) -> Iterator[Page]:
    """A page tall enough for every column to be in view (drag_to needs both ends visible)."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    yield page
    context.close()


def drag(page: Page, card_selector: str, cell_selector: str) -> None:
    """Drag a card onto the top of a cell (both in view: cells of one lane start at the same height)."""
    page.locator(card_selector).drag_to(page.locator(cell_selector), target_position={"x": 30, "y": 12})


def cards(page: Page, selector: str = ""):
    return page.locator(f"#board {selector} .task-card".strip())


def test_demo_board_shows_every_card_in_its_lane(tall_page: Page, live: Live):
    page = tall_page
    sign_in(page, live.url, "bcd")
    expect(cards(page)).to_have_count(108)  # the cancelled task is hidden
    page.get_by_label("Hiện nhiệm vụ đã hủy").check()
    expect(cards(page)).to_have_count(109)
    with live.session() as s:
        expected = {str(t.id): t.category_code for t in s.exec(select(Task)).all()}
    drawn = page.eval_on_selector_all(
        "#board .task-card", "cs => cs.map(c => [c.dataset.taskId, c.closest('[data-lane]').dataset.lane])"
    )
    assert dict(drawn) == expected
    for status in ("not_started", "in_progress", "submitted", "done", "cancelled"):
        with live.session() as s:
            count = s.exec(select(func.count()).select_from(Task).where(Task.status == status)).one()
        expect(page.locator(f"[data-head-status={status}] .head-count")).to_have_text(str(count))
    expect(page.locator("[data-lane=data] .lane-count")).to_have_text("40 nhiệm vụ")


def test_drag_to_another_column_persists_across_reload(tall_page: Page, live: Live):
    page = tall_page
    sign_in(page, live.url, "sotttt")
    task = live.task(status=Status.NOT_STARTED, category_code="data")
    drag(page, f".task-card[data-task-id='{task.id}']", "[data-lane=data] [data-status=in_progress]")
    expect(
        page.locator(f"[data-lane=data] [data-status=in_progress] .task-card[data-task-id='{task.id}']")
    ).to_have_count(1)
    expect(page.locator("#board-toast")).to_contain_text("Đang thực hiện")
    expect(page.locator(".task-card.pending")).to_have_count(0)
    assert live.status_of(task.id) == Status.IN_PROGRESS
    page.reload()
    expect(page.locator(f"[data-status=in_progress] .task-card[data-task-id='{task.id}']")).to_have_count(1)
    expect(page.locator(f".task-card[data-task-id='{task.id}']")).to_have_attribute("data-version", "2")


def test_keyboard_alone_moves_a_card_and_keeps_focus(page: Page, live: Live):
    sign_in(page, live.url, "soyte")
    task = live.task(status=Status.IN_PROGRESS, lead_agency_id=_agency_id(live, "soyte"))
    title = page.locator(f".task-card[data-task-id='{task.id}'] .card-title")
    title.focus()
    page.keyboard.press("Tab")  # from the title to the card's "Chuyển" button
    expect(page.locator(f".task-card[data-task-id='{task.id}'] .card-move")).to_be_focused()
    page.keyboard.press("Enter")
    item = page.locator(f".task-card[data-task-id='{task.id}'] .move-item").first
    expect(item).to_be_focused()
    expect(item).to_have_text("Chuyển sang «Chờ xác nhận»")
    page.keyboard.press("Enter")
    expect(page.locator(f"[data-status=submitted] .task-card[data-task-id='{task.id}']")).to_have_count(1)
    expect(page.locator("#board-live")).to_contain_text("sang «Chờ xác nhận»")
    expect(page.locator(f".task-card[data-task-id='{task.id}'] .card-move")).to_have_count(0)  # nothing more to do
    assert live.status_of(task.id) == Status.SUBMITTED
    # Escape closes a menu and gives focus back to its button
    other = live.task(status=Status.NOT_STARTED, lead_agency_id=_agency_id(live, "soyte"))
    if other is not None:
        button = page.locator(f".task-card[data-task-id='{other.id}'] .card-move")
        button.focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        expect(button).to_be_focused()
        expect(page.locator(".move-menu")).to_have_count(0)


def _agency_id(live: Live, code: str) -> int:
    with live.session() as s:
        return s.exec(select(Agency.id).where(Agency.code == code)).one()


def test_agency_officer_cannot_move_another_agencys_task(tall_page: Page, live: Live):
    page = tall_page
    sign_in(page, live.url, "soyte")
    with live.session() as s:
        task = s.exec(
            select(Task).where(Task.status == Status.NOT_STARTED, Task.lead_agency_id != _agency_id(live, "soyte"))
        ).first()
    lane = task.category_code
    drag(page, f".task-card[data-task-id='{task.id}']", f"[data-lane={lane}] [data-status=in_progress]")
    expect(page.locator("#board-toast")).to_contain_text("không có quyền")
    expect(page.locator(f"[data-status=not_started] .task-card[data-task-id='{task.id}']")).to_have_count(
        1
    )  # snapped back
    assert live.status_of(task.id) == Status.NOT_STARTED
    with live.session() as s:
        assert s.get(Task, task.id).version == 1


def test_stale_move_gets_the_conflict_message(tall_page: Page, quiet: Live):
    page = tall_page
    sign_in(page, quiet.url, "sotttt")
    task = quiet.task(status=Status.NOT_STARTED, category_code="platforms")
    card = f".task-card[data-task-id='{task.id}']"
    expect(page.locator(card)).to_have_attribute("data-version", "1")
    with quiet.session() as s:  # someone else changes the task after the board was drawn
        stored = s.get(Task, task.id)
        stored.title = "Tiêu đề do người khác sửa"
        s.commit()
    drag(page, card, "[data-lane=platforms] [data-status=in_progress]")
    expect(page.locator("#board-toast")).to_contain_text("vừa được người khác thay đổi")
    # the board now shows the current state: the other user's title, the card back where it is
    expect(page.locator(f"{card} .card-title")).to_have_text("Tiêu đề do người khác sửa")
    expect(page.locator(f"[data-status=not_started] {card}")).to_have_attribute("data-version", "2")
    assert quiet.status_of(task.id) == Status.NOT_STARTED


def _expected(live: Live, keep) -> int:
    with live.session() as s:
        agencies = {a.id: a for a in s.exec(select(Agency)).all()}
        return sum(
            1
            for t in s.exec(select(Task)).all()
            if t.status != Status.CANCELLED and keep(t, agencies[t.lead_agency_id])
        )


def test_search_and_filters_give_the_expected_counts(page: Page, live: Live):
    sign_in(page, live.url, "soyte")
    page.fill("#f-q", "so y te")
    page.keyboard.press("Enter")
    expect(cards(page)).to_have_count(_expected(live, lambda t, a: a.code == "soyte" or "so y te" in t.title.lower()))
    page.fill("#f-q", "ha tang")
    page.keyboard.press("Enter")
    expect(cards(page)).to_have_count(
        _expected(live, lambda t, a: "ha tang" in fold(t.title) or "ha tang" in fold(a.name))
    )
    page.get_by_role("button", name="Xóa lọc").click()
    expect(cards(page)).to_have_count(108)
    page.select_option("#f-category", "policy")
    expect(page).to_have_url(re.compile(r"cat=policy"))
    expect(cards(page)).to_have_count(_expected(live, lambda t, a: t.category_code == "policy"))
    page.select_option("#f-category", "*")
    expect(page).not_to_have_url(re.compile(r"cat="))
    page.select_option("#f-agency", "sotttt")
    expect(page).to_have_url(re.compile(r"agency=sotttt"))
    expect(cards(page)).to_have_count(_expected(live, lambda t, a: a.code == "sotttt"))
    page.select_option("#f-agency", "*")
    expect(page).not_to_have_url(re.compile(r"agency="))
    page.select_option("#f-deadline", "overdue")
    expect(page).to_have_url(re.compile(r"dl=overdue"))
    calendar = default_calendar()
    expect(cards(page)).to_have_count(
        _expected(live, lambda t, a: deadline(t, TODAY, calendar=calendar).state == DeadlineState.OVERDUE)
    )
    page.select_option("#f-deadline", "*")
    expect(page).not_to_have_url(re.compile(r"dl="))
    page.fill("#f-within", "7")
    page.keyboard.press("Tab")
    expect(page).to_have_url(re.compile(r"within=7"))
    expect(cards(page)).to_have_count(
        _expected(
            live,
            lambda t, a: (
                t.due_date is not None
                and t.status not in (Status.DONE, Status.CANCELLED)
                and t.due_date >= TODAY
                and calendar.working_days_until(TODAY, t.due_date) <= 7
            ),
        )
    )
    page.fill("#f-within", "")
    page.keyboard.press("Tab")
    expect(page).not_to_have_url(re.compile(r"within="))
    page.get_by_label("Đơn vị tôi").check()
    expect(cards(page)).to_have_count(_expected(live, lambda t, a: a.code == "soyte"))


def test_a_filtered_url_reopens_the_same_view(page: Page, live: Live, browser):
    sign_in(page, live.url, "sotttt")
    page.select_option("#f-category", "data")
    page.fill("#f-q", "co so du lieu")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"cat=data"))
    expect(page).to_have_url(re.compile(r"q=co"))
    expected = _expected(
        live,
        lambda t, a: (
            t.category_code == "data" and ("co so du lieu" in fold(t.title) or "co so du lieu" in fold(a.name))
        ),
    )
    expect(cards(page)).to_have_count(expected)
    count = expected
    shared = page.url
    other = page.context.new_page()  # same signed-in user, a fresh tab with the shared link
    other.goto(shared)
    expect(cards(other)).to_have_count(count)
    expect(other.locator("#f-category")).to_have_value("data")
    expect(other.locator("#f-q")).to_have_value("co so du lieu")
    other.get_by_role("link", name="Danh sách").click()
    expect(other).to_have_url(re.compile(r"/tasks\?.*cat=data"))
    expect(other.locator("#list-count")).to_contain_text(f"{count} nhiệm vụ")


def test_english_labels(page: Page, live: Live):
    sign_in(page, live.url, "bcd")
    page.get_by_role("link", name="English").click()
    expect(page.locator("[data-head-status=not_started] .head-label")).to_have_text("Not started")
    expect(page.locator("[data-lane=awareness] .lane-name")).to_have_text("Awareness")
    expect(page.locator("#f-q")).to_have_attribute("placeholder", re.compile("Search tasks"))


def test_other_users_changes_appear_without_reload_and_quiet_refreshes_draw_nothing(page: Page, live: Live):
    sign_in(page, live.url, "bcd")
    expect(cards(page)).to_have_count(108)
    page.wait_for_function("window.dash_clientside.dxBoard.drawCount() >= 1")
    draws = page.evaluate("window.dash_clientside.dxBoard.drawCount()")
    page.wait_for_timeout(3500)  # three refresh ticks with nothing changed
    assert page.evaluate("window.dash_clientside.dxBoard.drawCount()") == draws
    task = live.task(status=Status.NOT_STARTED)
    with live.session() as s:
        from models.permissions import SYSTEM
        from models.tasks import change_status
        from tests.conftest import NOW

        change_status(session=s, task_id=task.id, target=Status.IN_PROGRESS, expected_version=1, actor=SYSTEM, now=NOW)
    expect(page.locator(f"[data-status=in_progress] .task-card[data-task-id='{task.id}']")).to_have_count(1)


@pytest.fixture
def big(tmp_path) -> Iterator[Live]:
    settings = build_settings(f"sqlite:///{tmp_path / 'big.db'}", tmp_path / "instance")
    assert cmd_seed_demo(settings, build_parser().parse_args(["seed-demo", "--synthetic", "10000"])) == 0
    from dashapp import create_app

    app = create_app(settings)
    for url in _serve(app):
        yield Live(url, app)


def test_ten_thousand_tasks_show_the_first_cards_with_exact_counts(page: Page, big: Live):
    sign_in(page, big.url, "sotttt")
    expect(page.locator("[data-lane=data] [data-status=in_progress] .task-card").first).to_be_visible()
    with big.session() as s:
        total = s.exec(select(func.count()).select_from(Task).where(Task.status != Status.CANCELLED)).one()
        in_data_progress = s.exec(
            select(func.count())
            .select_from(Task)
            .where(Task.category_code == "data", Task.status == Status.IN_PROGRESS)
        ).one()
    head_total = sum(int(x.replace(".", "")) for x in page.locator("#board .head-count").all_inner_texts())
    assert head_total == total
    cell = page.locator("[data-lane=data] [data-status=in_progress]")
    expect(cell.locator(".task-card")).to_have_count(DEFAULT_CELL_LIMIT)
    more = cell.locator(".cell-more")
    expect(more).to_contain_text(f"{in_data_progress - DEFAULT_CELL_LIMIT:,}".replace(",", "."))
    more.click()
    expect(cell.locator(".task-card")).to_have_count(min(DEFAULT_CELL_LIMIT + 100, in_data_progress))
    expect(page.locator("[data-lane=data] [data-status=in_progress] .cell-more")).to_be_focused()
