"""The unseen-layout bill generator: byte-deterministic, and its truth is what the bill prints.

The formats below are written here independently of the generator's own formatting, so a
formatting bug there makes a truth value disappear from the text and this test fail.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "unseen_layouts.py"
LAYOUTS = ("nl_energie", "us_commercial_tou", "in_electric", "it_acqua")
MONEY = ("total_amount_due", "previous_balance", "current_charges")
DATES = ("statement_date", "due_date", "billing_period_start", "billing_period_end")
QUANTITIES = ("electricity_kwh", "gas_usage", "water_usage", "demand_kw")
STRINGS = ("provider", "account_number", "service_address", "meter_number", "rate_plan")
NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
      "november", "december")
EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MON = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _run(out: Path, seed: int) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--count", str(2 * len(LAYOUTS)),
                    "--seed", str(seed)], check=True, capture_output=True)


@pytest.fixture(scope="module")
def bills(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("unseen")
    _run(out, 5)
    return out


def _text(pdf: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)


def _grouped(whole: str, sep: str, indian: bool) -> str:
    if len(whole) <= 3:
        return whole
    head, tail = whole[:-3], whole[-3:]
    step = 2 if indian else 3
    groups = [head[max(0, i - step):i] for i in range(len(head), 0, -step)][::-1]
    return sep.join([*groups, tail])


def _numbers(value: float, decimals: int) -> set[str]:
    """The ways a bill writes this number: 1,234.56 / 1.234,56 / 1,23,456.00 / 1234.56."""
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 else ""
    out = {sign + text}
    for sep, dec, indian in ((",", ".", False), (".", ",", False), (",", ".", True)):
        out.add(sign + _grouped(whole, sep, indian) + (dec + frac if frac else ""))
    return out


def _dates(iso: str) -> set[str]:
    d = dt.date.fromisoformat(iso)
    return {d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y"), d.strftime("%m/%d/%Y"),
            f"{d.day:02d}-{MON[d.month - 1]}-{d.year}", f"{d.day} {NL[d.month - 1]} {d.year}",
            f"{EN[d.month - 1]} {d.day:02d}, {d.year}"}


def _cases(folder: Path) -> list[tuple[Path, dict[str, object]]]:
    return [(t.with_name(t.name.replace(".truth.json", ".pdf")), json.loads(t.read_text(encoding="utf-8")))
            for t in sorted(folder.glob("*.truth.json"))]


def test_every_layout_twice_and_small(bills: Path) -> None:
    cases = _cases(bills)
    assert sorted(str(t["layout"]) for _, t in cases) == sorted(LAYOUTS * 2)
    for pdf, truth in cases:
        assert pdf.is_file() and pdf.stat().st_size < 20_000, pdf.name
        assert truth["currency"] in {"EUR", "USD", "INR"} and truth["notes"]


def test_same_seed_same_bytes_other_seed_other_bills(bills: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    _run(again, 5)
    _run(other, 6)
    names = sorted(p.name for p in bills.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (bills / name).read_bytes() == (again / name).read_bytes(), name
    assert any((bills / n).read_bytes() != (other / n).read_bytes() for n in names if n.endswith(".pdf"))


def test_truth_values_are_printed_on_the_bill(bills: Path) -> None:
    for pdf, truth in _cases(bills):
        text = _text(pdf)
        flat = re.sub(r"\s+", " ", text)
        for field in MONEY:
            if truth[field] is not None:
                forms = _numbers(float(truth[field]), 2)  # type: ignore[arg-type]
                assert any(f in text for f in forms), (pdf.name, field, truth[field])
        for field in DATES:
            assert truth[field] is not None, (pdf.name, field)
            assert any(f in text for f in _dates(str(truth[field]))), (pdf.name, field, truth[field])
        for field in QUANTITIES:
            if truth[field] is not None:
                value = float(truth[field])  # type: ignore[arg-type]
                decimals = 0 if value == int(value) and field != "demand_kw" else 1 if field == "demand_kw" else 2
                forms = _numbers(value, decimals) | _numbers(value, 2)
                assert any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d])", text) for f in forms), \
                    (pdf.name, field, value)
        for field in STRINGS:
            if truth[field] is not None:
                assert str(truth[field]) in flat, (pdf.name, field)


def test_balance_adds_up(bills: Path) -> None:
    """previous - payments + current = total, to the rupee where the bill rounds (documented in notes)."""
    for pdf, truth in _cases(bills):
        total, current = float(truth["total_amount_due"]), float(truth["current_charges"])  # type: ignore[arg-type]
        if truth["previous_balance"] is None and "advances" not in str(truth["notes"]):
            assert abs(total - current) <= 0.5, pdf.name
        else:
            assert total <= float(truth["previous_balance"] or 0) + current + 0.5, pdf.name
