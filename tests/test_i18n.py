"""The message catalogue, the Vietnamese-first formatters and the text helpers."""

from __future__ import annotations

import string
import unicodedata
from datetime import UTC, date, datetime

import pytest

from i18n import DEFAULT_LANG, LANGS, MESSAGES, format_date, format_datetime, format_number, format_percent, t
from models.text import fold, nfc


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_languages():
    assert DEFAULT_LANG == "vi"
    assert LANGS == ("vi", "en")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages(key):
    entry = MESSAGES[key]
    for lang in LANGS:
        assert isinstance(entry.get(lang), str), f"{key} has no {lang}"
        assert entry[lang].strip(), f"{key} is empty in {lang}"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_same_placeholders_in_both_languages(key):
    assert placeholders(MESSAGES[key]["vi"]) == placeholders(MESSAGES[key]["en"])


def test_placeholder_helper_finds_names():
    assert placeholders(MESSAGES["tasks.summary"]["vi"]) == {"total", "overdue", "due_soon", "done"}
    assert placeholders(MESSAGES["app.title"]["vi"]) == set()


def test_t_vietnamese_by_default():
    assert t("status.done") == "Hoàn thành"
    assert t("status.done", "vi") == "Hoàn thành"


def test_t_english():
    assert t("status.done", "en") == "Done"


def test_t_fills_parameters():
    assert t("deadline.overdue", "vi", days=3) == "Quá hạn 3 ngày"
    assert t("deadline.overdue", "en", days=3) == "Overdue 3 days"


def test_t_falls_back_to_vietnamese_for_an_unknown_language():
    assert t("status.done", "fr") == "Hoàn thành"
    assert t("deadline.overdue", "zz", days=2) == "Quá hạn 2 ngày"


def test_t_returns_the_key_for_an_unknown_key():
    assert t("no.such.key") == "no.such.key"
    assert t("no.such.key", "en") == "no.such.key"
    assert t("no.such.key", "en", days=1) == "no.such.key"


def test_format_date():
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(date(2026, 1, 5), "en") == "05/01/2026"
    assert format_date(date(2026, 12, 31)) == "31/12/2026"
    assert format_date(datetime(2026, 1, 5, 23, 59)) == "05/01/2026"
    assert format_date(None) == ""


def test_format_datetime_in_vietnam_time():
    # 17:30 UTC is 00:30 the next day in Hanoi (UTC+7).
    assert format_datetime(datetime(2026, 1, 5, 17, 30, tzinfo=UTC)) == "00:30 06/01/2026"
    assert format_datetime(datetime(2026, 1, 5, 17, 30)) == "00:30 06/01/2026"
    assert format_datetime(None) == ""


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.5, "vi", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (1234567, "vi", "1.234.567"),
        (1234567, "en", "1,234,567"),
        (0, "vi", "0"),
        (12.34, "vi", "12,3"),
        (999, "vi", "999"),
        (1234.5, "fr", "1.234,5"),
    ],
)
def test_format_number(value, lang, expected):
    assert format_number(value, lang) == expected


def test_format_number_none_and_digits():
    assert format_number(None) == ""
    assert format_number(1234.56, "vi", digits=2) == "1.234,56"
    assert format_number(1234.56, "vi", digits=0) == "1.235"


def test_format_percent():
    assert format_percent(42.5) == "42,5%"
    assert format_percent(42.5, "en") == "42.5%"
    assert format_percent(100) == "100%"
    assert format_percent(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Y tế", "so y te"),
        ("Hạ tầng ĐÔ THỊ", "ha tang do thi"),
        ("Đảm bảo an toàn, an ninh mạng", "dam bao an toan, an ninh mang"),
        ("Thường xuyên", "thuong xuyen"),
        ("Quý IV/2022", "quy iv/2022"),
        ("  Sở   Nội vụ ", "so noi vu"),
        (unicodedata.normalize("NFD", "Sở Thông tin và Truyền thông"), "so thong tin va truyen thong"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_nfc_trims_and_collapses_whitespace():
    assert nfc("  Sở   Y\ttế \n") == "Sở Y tế"
    assert nfc(None) == ""
    assert nfc("") == ""


def test_nfc_composes():
    decomposed = unicodedata.normalize("NFD", "Sở Y tế")
    assert decomposed != "Sở Y tế"
    assert nfc(decomposed) == "Sở Y tế"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))
