"""Time-frame phrases of plan appendices turned into deadlines and recurrences."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from models.errors import ValidationError
from models.tables import Recurrence
from models.timeframes import TimeFrame, parse_time_frame

TODAY = date(2026, 6, 16)


@pytest.mark.parametrize(
    ("text", "due", "start"),
    [
        ("Quý IV/2022", date(2022, 12, 31), date(2022, 10, 1)),
        ("Quý I/2023", date(2023, 3, 31), date(2023, 1, 1)),
        ("Quý II/2023", date(2023, 6, 30), date(2023, 4, 1)),
        ("Quý 3/2023", date(2023, 9, 30), date(2023, 7, 1)),
        ("Quý III/2023", date(2023, 9, 30), date(2023, 7, 1)),
        ("Quý III năm 2023", date(2023, 9, 30), date(2023, 7, 1)),
        ("Quý 4 năm 2024", date(2024, 12, 31), date(2024, 10, 1)),
        ("Quý 1-2025", date(2025, 3, 31), date(2025, 1, 1)),
    ],
)
def test_quarters(text, due, start):
    tf = parse_time_frame(text, today=TODAY)
    assert tf == TimeFrame(text, due, Recurrence.ONCE, start)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Tháng 6/2023", date(2023, 6, 30)),
        ("6/2023", date(2023, 6, 30)),
        ("Tháng 2/2024", date(2024, 2, 29)),
        ("Tháng 2/2023", date(2023, 2, 28)),
        ("Tháng 12/2025", date(2025, 12, 31)),
        ("Tháng 11 năm 2023", date(2023, 11, 30)),
        ("tháng 01/2024", date(2024, 1, 31)),
    ],
)
def test_months(text, due):
    tf = parse_time_frame(text, today=TODAY)
    assert tf.due_date == due
    assert tf.recurrence == Recurrence.ONCE
    assert tf.text == text


@pytest.mark.parametrize("text", ["Năm 2023", "2023", "năm 2023"])
def test_years(text):
    assert parse_time_frame(text, today=TODAY) == TimeFrame(text, date(2023, 12, 31), Recurrence.ONCE, date(2023, 1, 1))


@pytest.mark.parametrize(
    "text", ["2022-2025", "Giai đoạn 2022 - 2025", "2022 – 2025", "Giai đoạn 2022-2025", "Từ năm 2022 đến năm 2025"]
)
def test_periods(text):
    assert parse_time_frame(text, today=TODAY) == TimeFrame(text, date(2025, 12, 31), Recurrence.ONCE, date(2022, 1, 1))


@pytest.mark.parametrize("text", ["Hàng năm", "Hằng năm", "hàng năm", "Mỗi năm"])
def test_yearly(text):
    tf = parse_time_frame(text, today=TODAY)
    assert tf == TimeFrame(text, date(2026, 12, 31), Recurrence.YEARLY)


def test_yearly_follows_today():
    assert parse_time_frame("Hàng năm", today=date(2027, 1, 2)).due_date == date(2027, 12, 31)


@pytest.mark.parametrize("text", ["Thường xuyên", "thường xuyên", "Liên tục", "Hàng năm, thường xuyên"])
def test_ongoing(text):
    tf = parse_time_frame(text, today=TODAY)
    assert tf.recurrence == Recurrence.ONGOING
    assert tf.due_date is None
    assert tf.start_date is None


@pytest.mark.parametrize("text", ["Trước 15/12 hàng năm", "Trước ngày 15/12 hàng năm", "15/12 hằng năm"])
def test_yearly_with_a_day(text):
    assert parse_time_frame(text, today=TODAY) == TimeFrame(text, date(2026, 12, 15), Recurrence.YEARLY)


def test_yearly_with_a_day_follows_today():
    assert parse_time_frame("Trước 15/12 hàng năm", today=date(2027, 3, 1)).due_date == date(2027, 12, 15)


@pytest.mark.parametrize(
    "text", ["30/6/2023", "Trước ngày 30/6/2023", "Trước 30/6/2023", "30/06/2023", "30.06.2023", "30-6-2023"]
)
def test_plain_dates(text):
    assert parse_time_frame(text, today=TODAY) == TimeFrame(text, date(2023, 6, 30), Recurrence.ONCE)


def test_date_value_from_excel():
    assert parse_time_frame(date(2023, 6, 30), today=TODAY) == TimeFrame(
        "30/06/2023", date(2023, 6, 30), Recurrence.ONCE
    )


def test_datetime_value_from_excel():
    tf = parse_time_frame(datetime(2023, 6, 30, 0, 0), today=TODAY)
    assert tf == TimeFrame("30/06/2023", date(2023, 6, 30), Recurrence.ONCE)
    assert type(tf.due_date) is date


@pytest.mark.parametrize(
    ("text", "due", "recurrence"),
    [
        ("QUÝ iv/2022", date(2022, 12, 31), Recurrence.ONCE),
        ("quy 4/2022", date(2022, 12, 31), Recurrence.ONCE),
        ("Quy IV/2022", date(2022, 12, 31), Recurrence.ONCE),
        ("THÁNG 6/2023", date(2023, 6, 30), Recurrence.ONCE),
        ("thang 6/2023", date(2023, 6, 30), Recurrence.ONCE),
        ("NAM 2023", date(2023, 12, 31), Recurrence.ONCE),
        ("GIAI DOAN 2022 - 2025", date(2025, 12, 31), Recurrence.ONCE),
        ("hang nam", date(2026, 12, 31), Recurrence.YEARLY),
        ("thuong xuyen", None, Recurrence.ONGOING),
        ("THƯỜNG XUYÊN", None, Recurrence.ONGOING),
        ("truoc 15/12 hang nam", date(2026, 12, 15), Recurrence.YEARLY),
    ],
)
def test_case_and_accent_variations(text, due, recurrence):
    tf = parse_time_frame(text, today=TODAY)
    assert (tf.due_date, tf.recurrence) == (due, recurrence)


@pytest.mark.parametrize(
    ("text", "due", "recurrence"),
    [
        ("Quý IV/2022", date(2022, 12, 31), Recurrence.ONCE),
        ("Tháng 6/2023", date(2023, 6, 30), Recurrence.ONCE),
        ("Hằng năm", date(2026, 12, 31), Recurrence.YEARLY),
        ("Thường xuyên", None, Recurrence.ONGOING),
        ("Giai đoạn 2022 - 2025", date(2025, 12, 31), Recurrence.ONCE),
    ],
)
def test_nfd_decomposed_input(text, due, recurrence):
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    tf = parse_time_frame(decomposed, today=TODAY)
    assert (tf.due_date, tf.recurrence) == (due, recurrence)
    assert tf.text == text  # stored in NFC


@pytest.mark.parametrize("text", ["  Quý IV/2022  ", "Quý  IV / 2022", "Quý IV/2022.", "Quý\tIV/2022"])
def test_whitespace_and_trailing_dot(text):
    assert parse_time_frame(text, today=TODAY).due_date == date(2022, 12, 31)


def test_text_is_normalised():
    assert parse_time_frame("  Quý   IV/2022 ", today=TODAY).text == "Quý IV/2022"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Sớm nhất có thể",
        "Quý 5/2023",
        "Quý V/2023",
        "Tháng 13/2023",
        "Tháng 0/2023",
        "31/2/2023",
        "2025-2022",
        "Trước 31/2 hàng năm",
        "Quý IV",
    ],
)
def test_invalid_phrases(text):
    with pytest.raises(ValidationError) as info:
        parse_time_frame(text, today=TODAY)
    message = str(info.value)
    assert info.value.key == "error.time_frame"
    assert message.startswith("Không hiểu thời gian thực hiện")
    assert f"«{text.strip()}»" in message


def test_none_is_invalid():
    with pytest.raises(ValidationError) as info:
        parse_time_frame(None, today=TODAY)
    assert "Không hiểu thời gian thực hiện" in str(info.value)


def test_error_message_in_english():
    with pytest.raises(ValidationError) as info:
        parse_time_frame("Sớm nhất có thể", today=TODAY)
    assert info.value.message("en").startswith("Cannot read the time frame “Sớm nhất có thể”")
