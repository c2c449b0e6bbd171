"""Every number and flag of the reports against values computed by hand (see conftest's table)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from minimeter.reports import flags, monthly_series, rates_series, yoy_series
from minimeter.store.sqlite import SQLiteStore


def _pick(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(r[k] for k in keys) for r in rows]


def test_monthly_prorates_by_days_and_counts_each_bill_once(known_store: dict[str, Any]) -> None:
    rows = monthly_series(known_store["path"])
    got = _pick(rows, "account", "provider", "month", "bills", "days", "kwh", "therms", "cost", "cost_per_kwh",
                "cost_per_therm", "pending_review")
    assert got == [
        # Bill 2 counts as corrected (290 kWh, not the machine's 2900); the duplicate (job 6) and the
        # discarded job 7 (9999 kWh in March) do not count.
        ("A-100", "Acme Power", "2024-01", 1, 31, D("310.000"), None, D("62.00"), D("0.2000"), None, 0),
        ("A-100", "Acme Power", "2024-02", 1, 29, D("290.000"), None, D("58.00"), D("0.2000"), None, 0),
        ("A-100", "Acme Power", "2024-03", 1, 31, D("310.000"), None, D("62.00"), D("0.2000"), None, 0),
        # Bill 4 (Apr 16..May 15, 30 days): 15 days in April = 600*15/30 = 300 kWh, 150*15/30 = 75.00.
        ("A-100", "Acme Power", "2024-04", 1, 15, D("300.000"), None, D("75.00"), D("0.2500"), None, 0),
        # May: bill 4's other 15 days (300 kWh, 75.00) + bill 5 May 10..31 = 22 of 31 days
        # (310*22/31 = 220 kWh, 62*22/31 = 44.00) -> 520 kWh, 119.00, 119/520 = 0.228846 -> 0.2288.
        ("A-100", "Acme Power", "2024-05", 2, 37, D("520.000"), None, D("119.00"), D("0.2288"), None, 0),
        # June 1..9 = 9 of 31 days: 310*9/31 = 90 kWh, 62*9/31 = 18.00.
        ("A-100", "Acme Power", "2024-06", 1, 9, D("90.000"), None, D("18.00"), D("0.2000"), None, 0),
        # 80.60 / 372 = 0.216666 -> 0.2167.
        ("A-100", "Acme Power", "2025-01", 1, 31, D("372.000"), None, D("80.60"), D("0.2167"), None, 0),
        # Dual fuel: usage of both, but no per-unit rate (one total cannot be split between fuels).
        ("D-1", "Both Co", "2024-03", 1, 31, D("100.000"), D("10.000"), D("50.00"), None, None, 0),
        # Bill 9 (Jan 15..Feb 13, 30 days): Jan 17 days = 60*17/30 = 34 therms, 45*17/30 = 25.50.
        ("G-7", "City Gas", "2024-01", 1, 17, None, D("34.000"), D("25.50"), None, D("0.7500"), 0),
        # Feb: bill 9's 13 days (26 therms, 19.50) + bill 10 Feb 14..29 = 16 of 30 days
        # (45*16/30 = 24 therms, 36*16/30 = 19.20) -> 50 therms, 38.70, 38.70/50 = 0.774.
        ("G-7", "City Gas", "2024-02", 2, 29, None, D("50.000"), D("38.70"), None, D("0.7740"), 1),
        # Mar 1..14 = 14 of 30 days: 45*14/30 = 21 therms, 36*14/30 = 16.80.
        ("G-7", "City Gas", "2024-03", 1, 14, None, D("21.000"), D("16.80"), None, D("0.8000"), 1),
    ]
    assert all(r["currency"] == "USD" for r in rows)


def test_monthly_filters_one_account(known_store: dict[str, Any]) -> None:
    rows = monthly_series(known_store["path"], account="G-7")
    assert [r["month"] for r in rows] == ["2024-01", "2024-02", "2024-03"]
    assert monthly_series(known_store["path"], account="nobody") == []


def test_rates_per_bill_and_change(known_store: dict[str, Any]) -> None:
    j = known_store["jobs"]
    rows = rates_series(known_store["path"])
    got = _pick(rows, "account", "commodity", "unit", "period_start", "days", "quantity", "cost", "rate",
                "previous_rate", "change_pct", "job_id")
    assert got == [
        ("A-100", "electricity", "kWh", dt.date(2024, 1, 1), 31, D("310"), D("62"), D("0.2000"), None, None, j["1"]),
        ("A-100", "electricity", "kWh", dt.date(2024, 2, 1), 29, D("290"), D("58"), D("0.2000"), D("0.2000"),
         D("0.0"), j["2"]),
        ("A-100", "electricity", "kWh", dt.date(2024, 3, 1), 31, D("310"), D("62"), D("0.2000"), D("0.2000"),
         D("0.0"), j["3"]),
        # 150/600 = 0.25; 0.25/0.20 - 1 = +25 %.
        ("A-100", "electricity", "kWh", dt.date(2024, 4, 16), 30, D("600"), D("150"), D("0.2500"), D("0.2000"),
         D("25.0"), j["4"]),
        ("A-100", "electricity", "kWh", dt.date(2024, 5, 10), 31, D("310"), D("62"), D("0.2000"), D("0.2500"),
         D("-20.0"), j["5"]),
        # 80.60/372 = 0.216667; /0.2 - 1 = +8.3 %.
        ("A-100", "electricity", "kWh", dt.date(2025, 1, 1), 31, D("372"), D("80.60"), D("0.2167"), D("0.2000"),
         D("8.3"), j["8"]),
        # The dual-fuel bill 11 has no rate row. 45/60 = 0.75; 36/45 = 0.8; 0.8/0.75 - 1 = +6.7 %.
        ("G-7", "gas", "therms", dt.date(2024, 1, 15), 30, D("60"), D("45"), D("0.7500"), None, None, j["9"]),
        ("G-7", "gas", "therms", dt.date(2024, 2, 14), 30, D("45"), D("36"), D("0.8000"), D("0.7500"), D("6.7"),
         j["10"]),
    ]


def test_year_over_year(known_store: dict[str, Any]) -> None:
    rows = yoy_series(known_store["path"])
    # Only 2025-01 has a year-earlier month: 372/310 = 1.20 -> +20.0 %; 80.60/62.00 = 1.30 -> +30.0 %.
    assert _pick(rows, "days", "previous_days") == [(31, 31)]
    assert _pick(rows, "account", "month", "previous_month", "kwh", "previous_kwh", "kwh_change_pct", "cost",
                 "previous_cost", "cost_change_pct", "therms_change_pct") == [
        ("A-100", "2025-01", "2024-01", D("372"), D("310"), D("20.0"), D("80.60"), D("62.00"), D("30.0"), None),
    ]


def test_flags_against_hand_computed_findings(known_store: dict[str, Any]) -> None:
    j = known_store["jobs"]
    rows = flags(known_store["path"])
    got = _pick(rows, "flag", "account", "period_start", "period_end", "job_ids", "value", "baseline")
    assert got == [
        # Job 6 is bill 3 again (other bytes, total "62.0" == 62.00): 2 copies.
        ("duplicate", "A-100", dt.date(2024, 3, 1), dt.date(2024, 3, 31), [j["3"], j["6"]], D("2"), None),
        # Bill 3 ends Mar 31, bill 4 starts Apr 16: Apr 1..15 missing = 15 days.
        ("gap", "A-100", dt.date(2024, 4, 1), dt.date(2024, 4, 15), [j["3"], j["4"]], D("15"), None),
        # Bill 4: 150/30 = 5.00/day vs (62/31 + 58/29 + 62/31)/3 = 2.00 -> 2.5x >= 1.5x.
        ("cost_spike", "A-100", dt.date(2024, 4, 16), dt.date(2024, 5, 15), [j["4"]], D("5"), D("2")),
        # 0.25 vs 0.20 = +25 % >= 20 %.
        ("rate_jump", "A-100", dt.date(2024, 4, 16), dt.date(2024, 5, 15), [j["4"]], D("0.25"), D("0.2")),
        # 600/30 = 20 kWh/day vs (10 + 10 + 10)/3 = 10 -> 2.0x.
        ("usage_spike", "A-100", dt.date(2024, 4, 16), dt.date(2024, 5, 15), [j["4"]], D("20"), D("10")),
        # Bill 5 starts May 10, bill 4 ends May 15: May 10..15 = 6 days in both.
        ("overlap", "A-100", dt.date(2024, 5, 10), dt.date(2024, 5, 15), [j["4"], j["5"]], D("6"), None),
        # Jun 10..Dec 31: 21 + 31 + 31 + 30 + 31 + 30 + 31 = 205 days.
        ("gap", "A-100", dt.date(2024, 6, 10), dt.date(2024, 12, 31), [j["5"], j["8"]], D("205"), None),
        ("needs_review", "G-7", dt.date(2024, 2, 14), dt.date(2024, 3, 14), [j["10"]], None, None),
    ]
    # Not flagged, on purpose: bill 5's 10 kWh/day vs 12.5 (0.8x); bill 8's 12 kWh/day vs the
    # average 12 of bills 1-5 (1.0x) and its cost 2.60/day vs 2.60 (1.0x); bill 8's rate +8.3 %;
    # bill 5's rate -20 % (a drop is not a jump); the reviewed-and-approved bill 2.
    dup = rows[0]
    assert "counted once" in dup["detail"] and "62.00" in dup["detail"]


def test_flag_thresholds_are_parameters(known_store: dict[str, Any]) -> None:
    path = known_store["path"]
    # A 2.5x cost spike and a 2.0x usage spike: only the cost one survives a 2.2x threshold.
    kinds = [r["flag"] for r in flags(path, spike_ratio=2.2)]
    assert "cost_spike" in kinds and "usage_spike" not in kinds
    # With +30 % required, the +25 % rate change is no longer a jump.
    assert "rate_jump" not in [r["flag"] for r in flags(path, rate_jump_pct=30)]
    # Needing 4 earlier bills: bill 4 has only 3, so no spikes at all.
    assert not {"cost_spike", "usage_spike"} & {r["flag"] for r in flags(path, min_history=4)}


def test_shared_boundary_day_is_not_an_overlap(tmp_path: Any) -> None:
    from known_bills import add_bill, make_bill

    from minimeter.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "b.db")
    # "Jan 15 to Feb 14" then "Feb 14 to Mar 15": the utility counts the boundary day once.
    add_bill(store, "x1", make_bill("P", "X", "2024-01-15", "2024-02-14", "10.00", kwh="100"))
    add_bill(store, "x2", make_bill("P", "X", "2024-02-14", "2024-03-15", "10.00", kwh="100"))
    add_bill(store, "x3", make_bill("P", "X", "2024-03-16", "2024-04-14", "10.00", kwh="100"))
    store.close()
    assert flags(tmp_path / "b.db") == []


def test_empty_store_reports_nothing(tmp_path: Any) -> None:
    path = tmp_path / "empty.db"
    assert monthly_series(path) == [] and flags(path) == [] and rates_series(path) == []


def test_incomplete_bills_do_not_break_the_reports(tmp_path: Any) -> None:
    from known_bills import add_bill

    from minimeter.schema import BillNormalized

    store = SQLiteStore(tmp_path / "odd.db")
    # No period: the whole bill counts in its statement date's month.
    add_bill(store, "o1", BillNormalized(provider="P", account_number="Z", statement_date=dt.date(2024, 7, 9),
                                         electricity_kwh=D("100"), total_amount_due=D("30")))
    # Start after end (a misread): no proration possible -> month of the period end, no days.
    add_bill(store, "o2", BillNormalized(provider="P", account_number="Z", billing_period_start=dt.date(2024, 9, 30),
                                         billing_period_end=dt.date(2024, 9, 1), electricity_kwh=D("50"),
                                         current_charges=D("10"), total_amount_due=D("99")))
    # No account, no provider, no dates at all: left out of the months, still exported.
    add_bill(store, "o3", BillNormalized(electricity_kwh=D("5")))
    # Gas billed in CCF with no therm figure: cost counts, no therms invented.
    add_bill(store, "o4", BillNormalized(provider="P", account_number="Z", billing_period_start=dt.date(2024, 10, 1),
                                         billing_period_end=dt.date(2024, 10, 31), gas_usage=D("40"),
                                         gas_usage_unit="CCF", current_charges=D("20")))
    store.close()
    rows = _pick(monthly_series(tmp_path / "odd.db"), "account", "month", "days", "kwh", "therms", "cost")
    assert rows == [
        ("Z", "2024-07", None, D("100"), None, D("30")),
        ("Z", "2024-09", None, D("50"), None, D("10")),  # current_charges preferred over total due
        ("Z", "2024-10", 31, None, None, D("20")),
    ]
    assert flags(tmp_path / "odd.db") == []
