"""Pure component builders: user links and deadline labels."""

from __future__ import annotations

import pytest
from dash import html

from dashapp.components import user_link
from models.deadlines import Deadline, DeadlineState, deadline_label


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "/relative/path",
        "http://",
        'https://x.example/"onmouseover="alert(1)',
        "",
        None,
    ],
)
def test_unsafe_links_are_rendered_as_inert_text(url):
    rendered = user_link(url, "bằng chứng")
    assert isinstance(rendered, html.Span)
    assert not hasattr(rendered, "href") or rendered.href is None


def test_http_links_become_html_a_that_open_safely():
    link = user_link("https://dx.tuyenquang.gov.vn/bao-cao.pdf", "Báo cáo")
    assert isinstance(link, html.A)
    assert link.href == "https://dx.tuyenquang.gov.vn/bao-cao.pdf"
    assert "noopener" in link.rel and link.children == "Báo cáo"


def test_deadline_labels_use_vietnamese_numbers_and_words():
    assert deadline_label(Deadline(DeadlineState.OVERDUE, days_overdue=1234), "vi") == "Quá hạn 1.234 ngày"
    assert deadline_label(Deadline(DeadlineState.OVERDUE, days_overdue=1234), "en") == "Overdue 1,234 days"
    assert deadline_label(Deadline(DeadlineState.DUE_SOON, working_days_left=0), "vi") == "Đến hạn hôm nay"
    assert deadline_label(Deadline(DeadlineState.DUE_SOON, working_days_left=3), "vi") == "Sắp đến hạn (3 ngày)"
    assert deadline_label(Deadline(DeadlineState.DONE_LATE), "vi") == "Hoàn thành quá hạn"
