"""The sample bill generator: deterministic, varied, arithmetically consistent except where planted."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from minimeter.samples import LAYOUTS, generate, render_bill
from minimeter.samples.facts import PLANTABLE


def _text(pdf: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)


def _d(x: object) -> Decimal:
    return Decimal(str(x))


def broken_rules(t: dict) -> set[str]:
    """Check a truth record's arithmetic independently of the generator's own code."""
    bad = set()
    items = sum((_d(i["amount"]) for i in t["line_items"]), Decimal(0))
    if items != _d(t["current_charges"]):
        bad.add("line_items_sum")
    if t["previous_balance"] is not None:
        due = _d(t["previous_balance"]) - _d(t["payments"]) + _d(t["current_charges"])
        if due != _d(t["total_amount_due"]):
            bad.add("balance")
    for m in t["meters"]:
        raw = (_d(m["present_read"]) - _d(m["prior_read"])) * _d(m["multiplier"])
        if abs(raw - _d(m["usage"])) > max(Decimal("0.5"), abs(raw) * Decimal("0.005")):
            bad.add("meter_reads")
    start, end = t["billing_period_start"], t["billing_period_end"]
    if start and end:
        import datetime as dt

        days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days
        if days <= 0:
            bad.add("period_order")
        elif not 20 <= days <= 40:
            bad.add("period_length")
    if t["statement_date"] and t["due_date"] and t["due_date"] < t["statement_date"]:
        bad.add("due_after_statement")
    return bad


def test_at_least_twelve_layouts() -> None:
    assert len(LAYOUTS) >= 12
    assert len(set(LAYOUTS)) == len(LAYOUTS)


def test_generate_is_byte_deterministic(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 8, seed=3, image_only_share=0.25)
    b = generate(tmp_path / "b", 8, seed=3, image_only_share=0.25)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
        ta, tb = pa.with_suffix("").with_suffix(".truth.json"), pb.with_suffix("").with_suffix(".truth.json")
        assert ta.read_bytes() == tb.read_bytes()
    c = generate(tmp_path / "c", 8, seed=4, image_only_share=0.25)
    assert any(pa.read_bytes() != pc.read_bytes() for pa, pc in zip(a, c, strict=True))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_prints_its_truth(layout: str, tmp_path: Path) -> None:
    """The key values of the truth really are on the page (as printed, in the layout's own format)."""
    for index in range(3):
        canvas, truth = render_bill(layout, 11, index)
        pdf = tmp_path / f"{layout}{index}.pdf"
        canvas.save(pdf)
        text = _text(pdf).replace("\u00a0", " ")
        assert truth["account_number"] in text
        assert truth["meters"][0]["number"] in text
        assert broken_rules(truth) == set(), truth["notes"]
        assert len(pdf.read_bytes()) < 60_000
        digits = "".join(ch for ch in text if ch.isdigit())
        cents = f"{abs(_d(truth['total_amount_due'])):.2f}".replace(".", "")
        assert cents in digits


@pytest.mark.parametrize("rule", PLANTABLE)
def test_planted_rule_is_the_one_broken(rule: str) -> None:
    for layout in LAYOUTS:
        _, truth = render_bill(layout, 5, 1, planted=rule)
        assert truth["planted"] == [rule]
        broken = broken_rules(truth)
        assert rule in broken
        assert broken <= {rule, "period_length", "period_order"}


def test_image_only_bills_have_no_text_layer(tmp_path: Path) -> None:
    canvas, truth = render_bill("duke", 2, 0, image_only=True)
    pdf = tmp_path / "scan.pdf"
    canvas.save(pdf)
    assert truth["image_only"] is True
    assert _text(pdf).strip() == ""
    assert len(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].images) == 1
    assert pdf.stat().st_size < 150_000


def test_generate_options(tmp_path: Path) -> None:
    paths = generate(tmp_path, 4, seed=1, layouts=["coned", "uk_bg"], with_truth=False, image_only_share=0)
    assert [p.name for p in paths] == ["001_coned.pdf", "002_uk_bg.pdf", "003_coned.pdf", "004_uk_bg.pdf"]
    assert not list(tmp_path.glob("*.truth.json"))
    with pytest.raises(ValueError, match="unknown layout"):
        generate(tmp_path, 1, layouts=["nope"])


def test_truth_has_the_realbills_fields(tmp_path: Path) -> None:
    shared = Path(__file__).resolve().parents[2] / ".." / "shared" / "realbills"
    (pdf,) = generate(tmp_path, 1, seed=9)
    truth = json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))
    real = sorted(shared.glob("*.truth.json"))
    if not real:
        pytest.skip("../shared/realbills is not beside this checkout")
    assert set(json.loads(real[0].read_text(encoding="utf-8"))) <= set(truth)


def test_generate_bills_script(tmp_path: Path) -> None:
    import runpy

    script = Path(__file__).resolve().parents[2] / "scripts" / "generate_bills.py"
    main = runpy.run_path(str(script))["main"]
    out = tmp_path / "bills"
    assert main(["--out", str(out), "--count", "3", "--seed", "1", "--layout", "xcel", "--image-only-share", "0"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "001_xcel.pdf", "001_xcel.truth.json", "002_xcel.pdf", "002_xcel.truth.json", "003_xcel.pdf",
        "003_xcel.truth.json"]
    assert main(["--out", str(out), "--count", "1", "--seed", "1", "--clean", "--no-truth"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["001_pge.pdf"]
