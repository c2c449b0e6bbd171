"""Exports: flat tables in three formats (read back by DuckDB and the stdlib) and the Green Button feed."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from minimeter.errors import ReportError
from minimeter.reports.espi import ATOM, ESPI, espi_xml
from minimeter.reports.exports import export_tables

BILL_COLUMNS = [
    "bill_id", "job_id", "version", "job_status", "source", "sha256", "original_name", "provider", "provider_id",
    "account_number", "customer_name", "service_address", "statement_date", "due_date", "billing_period_start",
    "billing_period_end", "days", "currency", "total_amount_due", "current_charges", "previous_balance", "payments",
    "electricity_kwh", "gas_therms", "gas_usage", "gas_usage_unit", "water_usage", "water_usage_unit", "demand_kw",
    "meter_number", "rate_plan", "extractor", "confidence", "created_at", "duplicate_of_job_id",
]
METER_COLUMNS = ["bill_id", "job_id", "account_number", "billing_period_start", "billing_period_end", "idx", "number",
                 "commodity", "prior_read", "present_read", "multiplier", "usage", "unit"]
LINE_ITEM_COLUMNS = ["bill_id", "job_id", "account_number", "billing_period_start", "billing_period_end", "idx",
                     "description", "category", "amount", "quantity", "unit", "rate"]


def test_csv_export_columns_and_rows(known_store: dict[str, Any], tmp_path: Path) -> None:
    j = known_store["jobs"]
    files = export_tables(known_store["path"], tmp_path / "out", "csv")
    assert [f.name for f in files] == ["bills.csv", "meters.csv", "line_items.csv"]
    with (tmp_path / "out" / "bills.csv").open() as fh:
        bills = list(csv.DictReader(fh))
    assert list(bills[0]) == BILL_COLUMNS
    # 11 jobs, one discarded: 10 current bills, the duplicate included but marked.
    assert sorted(int(b["job_id"]) for b in bills) == sorted(v for k, v in j.items() if k != "7")
    by_job = {int(b["job_id"]): b for b in bills}
    assert by_job[j["6"]]["duplicate_of_job_id"] == str(j["3"])
    assert by_job[j["3"]]["duplicate_of_job_id"] == ""
    # The reviewed version (2), not the machine's 2900 kWh.
    assert by_job[j["2"]]["version"] == "2" and by_job[j["2"]]["source"] == "review"
    assert float(by_job[j["2"]]["electricity_kwh"]) == 290
    assert by_job[j["10"]]["job_status"] == "NEEDS_REVIEW"
    assert by_job[j["4"]]["days"] == "30"
    with (tmp_path / "out" / "meters.csv").open() as fh:
        meters = list(csv.DictReader(fh))
    assert list(meters[0]) == METER_COLUMNS
    assert [(int(m["job_id"]), m["number"], float(m["usage"])) for m in meters] == [
        (j["1"], "E-1", 310.0), (j["11"], "E-9", 100.0), (j["11"], "G-9", 10.0)]
    with (tmp_path / "out" / "line_items.csv").open() as fh:
        items = list(csv.DictReader(fh))
    assert list(items[0]) == LINE_ITEM_COLUMNS
    assert [(i["description"], i["category"], float(i["amount"])) for i in items] == [
        ("Energy charge", "supply", 52.70), ("Customer charge", "fee", 9.30)]


def test_json_and_parquet_exports_hold_the_same_rows(known_store: dict[str, Any], tmp_path: Path) -> None:
    import duckdb

    export_tables(known_store["path"], tmp_path / "j", "json")
    export_tables(known_store["path"], tmp_path / "p", "parquet")
    bills_json = json.loads((tmp_path / "j" / "bills.json").read_text())
    assert list(bills_json[0]) == BILL_COLUMNS and len(bills_json) == 10
    con = duckdb.connect()
    rel = con.execute(f"SELECT * FROM read_parquet('{tmp_path / 'p' / 'bills.parquet'}') ORDER BY job_id")
    assert [d[0] for d in rel.description] == BILL_COLUMNS
    rows = rel.fetchall()
    assert len(rows) == 10
    # Typed columns in Parquet: exact decimals and dates.
    types = dict(con.execute(
        f"SELECT name, type FROM parquet_schema('{tmp_path / 'p' / 'bills.parquet'}')").fetchall())
    assert types["total_amount_due"] == "INT64" and types["billing_period_start"] == "INT32"
    total = con.execute(f"SELECT sum(total_amount_due) FROM read_parquet('{tmp_path / 'p' / 'bills.parquet'}')"
                        ).fetchone()
    # 62 + 58 + 62 + 150 + 62 + 62 + 80.60 + 45 + 36 + 50 (duplicate included in the export).
    assert total is not None and str(total[0]) == "667.6000"
    for name in ("meters", "line_items"):
        assert (tmp_path / "p" / f"{name}.parquet").stat().st_size > 0
        assert isinstance(json.loads((tmp_path / "j" / f"{name}.json").read_text()), list)
    assert not list((tmp_path / "p").glob(".*partial"))


def test_unknown_format_is_a_report_error(known_store: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="unknown export format"):
        export_tables(known_store["path"], tmp_path, "xlsx")


def _e(tag: str) -> str:
    return f"{{{ESPI}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def test_green_button_feed(known_store: dict[str, Any]) -> None:
    root = ET.fromstring(espi_xml(known_store["path"]))
    assert root.tag == _a("feed")
    entries = root.findall(_a("entry"))
    assert all(e.find(_a("id")) is not None and e.find(_a("title")) is not None for e in entries)
    contents = [next(iter(e.find(_a("content")))) for e in entries]  # type: ignore[arg-type]
    kinds = [c.tag.split("}")[1] for c in contents]
    # Usage points: A-100 electricity (6 periods), D-1 electricity (1), D-1 gas (1), G-7 gas (2).
    assert kinds.count("UsagePoint") == 4 and kinds.count("MeterReading") == 4 and kinds.count("ReadingType") == 4
    assert kinds.count("IntervalBlock") == 10 and kinds.count("UsageSummary") == 10
    points = [c for c in contents if c.tag == _e("UsagePoint")]
    assert [p.findtext(f"{_e('ServiceCategory')}/{_e('kind')}") for p in points] == ["0", "0", "1", "1"]

    blocks = [c for c in contents if c.tag == _e("IntervalBlock")]
    first = blocks[0]
    # 2024-01-01T00:00Z = 1704067200; 31 days = 2678400 s; 310 kWh = 310000 Wh; 62.00 = 6200000 1e-5 USD.
    assert first.findtext(f"{_e('interval')}/{_e('start')}") == "1704067200"
    assert first.findtext(f"{_e('interval')}/{_e('duration')}") == "2678400"
    reading = first.find(_e("IntervalReading"))
    assert reading is not None
    assert [c.tag for c in reading] == [_e("cost"), _e("timePeriod"), _e("value")]  # schema order
    assert reading.findtext(_e("value")) == "310000" and reading.findtext(_e("cost")) == "6200000"
    # The duplicate copy (job 6) is not a second period: A-100 has 6 blocks, starting as the bills do.
    a100 = [b.findtext(f"{_e('interval')}/{_e('start')}") for b in blocks[:6]]
    assert a100 == ["1704067200", "1706745600", "1709251200", "1713225600", "1715299200", "1735689600"]

    summaries = [c for c in contents if c.tag == _e("UsageSummary")]
    order = [c.tag.split("}")[1] for c in summaries[0]]
    assert order == ["billingPeriod", "billLastPeriod", "currency", "overallConsumptionLastPeriod",
                     "qualityOfReading", "statusTimeStamp", "commodity"]
    assert summaries[0].findtext(_e("currency")) == "840"
    # Dual fuel (D-1): no cost on either fuel; gas in thousandths of a therm (uom 169, 10^-3).
    d1_gas = summaries[7]
    assert d1_gas.find(_e("billLastPeriod")) is None
    assert d1_gas.findtext(f"{_e('overallConsumptionLastPeriod')}/{_e('value')}") == "10000"
    assert d1_gas.findtext(f"{_e('overallConsumptionLastPeriod')}/{_e('uom')}") == "169"
    # G-7's second bill waits for review: questionable (10); the first is valid (0).
    assert [s.findtext(_e("qualityOfReading")) for s in summaries[8:]] == ["0", "10"]
    reading_types = [c for c in contents if c.tag == _e("ReadingType")]
    assert [(r.findtext(_e("uom")), r.findtext(_e("powerOfTenMultiplier"))) for r in reading_types] == [
        ("72", "0"), ("72", "0"), ("169", "-3"), ("169", "-3")]


def test_green_button_one_account(known_store: dict[str, Any]) -> None:
    root = ET.fromstring(espi_xml(known_store["path"], account="G-7"))
    assert len(root.findall(f"{_a('entry')}/{_a('content')}/{_e('UsageSummary')}")) == 2
