"""Green Button (NAESB ESPI) export: usage per billing period as an Atom feed.

One ``UsagePoint`` per account, provider and commodity, with one ``MeterReading``, its
``ReadingType``, and per billing period an ``IntervalBlock`` (one ``IntervalReading``
spanning the period) and a ``UsageSummary``. Element order follows the ESPI schema's
sequences. Conventions (ESPI):

- times are seconds since the Unix epoch; a period starts at 00:00 UTC of its first day and
  lasts ``days x 86400`` (periods include their end date);
- electricity in Wh (``uom`` 72, ``powerOfTenMultiplier`` 0), gas in therms (``uom`` 169,
  ``powerOfTenMultiplier`` -3, i.e. values are thousandths of a therm): values are integers;
- money (``cost``, ``billLastPeriod``) in hundred-thousandths of the currency; left out for
  dual-fuel bills, whose total cannot be split between fuels;
- ``qualityOfReading`` 0 (valid) for accepted bills, 10 (questionable) for bills waiting for
  review.

Contract: ``espi_xml(store_path) -> bytes`` (UTF-8 XML) and ``write_espi(store_path, path)``.
Raises ``ReportError``.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minimeter.errors import ReportError
from minimeter.reports import engine

if TYPE_CHECKING:
    from minimeter.reports.engine import Source

ATOM = "http://www.w3.org/2005/Atom"
ESPI = "http://naesb.org/espi"
_NS_ID = uuid.UUID("5d0b1c5e-7f1e-4d51-9a57-6d1c0a4f2b10")  # stable ids across exports

# commodity -> (ServiceCategory kind, ReadingType commodity, uom, powerOfTenMultiplier, scale to integer)
_KINDS: dict[str, tuple[int, int, int, int, Decimal]] = {
    "electricity": (0, 1, 72, 0, Decimal(1000)),  # kWh -> Wh
    "gas": (1, 7, 169, -3, Decimal(1000)),  # therms -> thousandths of a therm
}
# ISO 4217 numeric codes ESPI expects for the currencies bills are seen in.
_CURRENCY = {"USD": 840, "CAD": 124, "EUR": 978, "GBP": 826, "CHF": 756, "AUD": 36, "NZD": 554, "BRL": 986,
             "MXN": 484, "JPY": 392, "INR": 356, "ZAR": 710, "SEK": 752, "NOK": 578, "DKK": 208, "PLN": 985}
_COST_SCALE = Decimal(100000)


def _q(tag: str) -> str:
    return f"{{{ESPI}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: Any = None) -> ET.Element:
    el = ET.SubElement(parent, tag)
    if text is not None:
        el.text = str(text)
    return el


def _int(value: Decimal, scale: Decimal) -> int:
    return int((value * scale).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _entry(feed: ET.Element, key: str, title: str, links: Iterable[tuple[str, str]], now: str) -> ET.Element:
    """Append an Atom entry and return its <content> element."""
    entry = _sub(feed, _a("entry"))
    _sub(entry, _a("id"), f"urn:uuid:{uuid.uuid5(_NS_ID, key)}")
    for rel, href in links:
        ET.SubElement(entry, _a("link"), {"rel": rel, "href": href})
    _sub(entry, _a("title"), title)
    content = _sub(entry, _a("content"))
    _sub(entry, _a("published"), now)
    _sub(entry, _a("updated"), now)
    return content


def _interval(parent: ET.Element, tag: str, start: int, duration: int) -> None:
    el = _sub(parent, tag)
    _sub(el, _q("duration"), duration)
    _sub(el, _q("start"), start)


def _usage_point(feed: ET.Element, n: int, rows: list[dict[str, Any]], now: str) -> None:
    first = rows[0]
    commodity = first["commodity"]
    kind, rt_commodity, uom, p10, scale = _KINDS[commodity]
    key = f"{first['provider_key']}|{first['account_number']}|{commodity}"
    up = f"RetailCustomer/1/UsagePoint/{n}"
    name = f"{first['provider'] or first['provider_key']} {first['account_number'] or '(no account)'} {commodity}"
    content = _entry(feed, key, name, [("self", up), ("up", "RetailCustomer/1/UsagePoint"),
                                        ("related", f"{up}/MeterReading"), ("related", f"{up}/UsageSummary")], now)
    point = _sub(content, _q("UsagePoint"))
    _sub(_sub(point, _q("ServiceCategory")), _q("kind"), kind)

    mr = f"{up}/MeterReading/1"
    _sub(_entry(feed, key + "|mr", f"{name} per billing period",
                [("self", mr), ("up", f"{up}/MeterReading"), ("related", f"{mr}/IntervalBlock"),
                 ("related", f"ReadingType/{n}")], now), _q("MeterReading"))

    currency = _CURRENCY.get((first["currency"] or "").upper())
    rt = _sub(_entry(feed, key + "|rt", f"{commodity} ({first['unit']}) per billing period",
                     [("self", f"ReadingType/{n}"), ("up", "ReadingType")], now), _q("ReadingType"))
    _sub(rt, _q("accumulationBehaviour"), 4)  # deltaData: usage during the interval
    _sub(rt, _q("commodity"), rt_commodity)
    if currency:
        _sub(rt, _q("currency"), currency)
    _sub(rt, _q("dataQualifier"), 12)  # normal
    _sub(rt, _q("flowDirection"), 1)  # forward (delivered)
    _sub(rt, _q("kind"), 12)  # energy
    _sub(rt, _q("powerOfTenMultiplier"), p10)
    _sub(rt, _q("uom"), uom)

    for k, row in enumerate(rows, start=1):
        start, duration = _epoch(row["period_start"]), int(row["days"]) * 86400
        period = f"{row['period_start']}..{row['period_end']}"
        block = _sub(_entry(feed, f"{key}|ib|{period}|{row['job_id']}", f"{name} {period}",
                            [("self", f"{mr}/IntervalBlock/{k}"), ("up", f"{mr}/IntervalBlock")], now),
                     _q("IntervalBlock"))
        _interval(block, _q("interval"), start, duration)
        reading = _sub(block, _q("IntervalReading"))
        if row["cost"] is not None:
            _sub(reading, _q("cost"), _int(row["cost"], _COST_SCALE))
        _interval(reading, _q("timePeriod"), start, duration)
        _sub(reading, _q("value"), _int(row["quantity"], scale))

        summary = _sub(_entry(feed, f"{key}|us|{period}|{row['job_id']}", f"{name} bill {period}",
                              [("self", f"{up}/UsageSummary/{k}"), ("up", f"{up}/UsageSummary")], now),
                       _q("UsageSummary"))
        _interval(summary, _q("billingPeriod"), start, duration)
        if row["cost"] is not None:
            _sub(summary, _q("billLastPeriod"), _int(row["cost"], _COST_SCALE))
        if currency:
            _sub(summary, _q("currency"), currency)
        overall = _sub(summary, _q("overallConsumptionLastPeriod"))
        _sub(overall, _q("powerOfTenMultiplier"), p10)
        _sub(overall, _q("uom"), uom)
        _sub(overall, _q("value"), _int(row["quantity"], scale))
        _sub(summary, _q("qualityOfReading"), 10 if row["pending_review"] else 0)
        _sub(summary, _q("statusTimeStamp"), _epoch(row["period_end"]) + 86400)
        _sub(summary, _q("commodity"), rt_commodity)


def espi_xml(store_path: Source, *, account: str | None = None, now: dt.datetime | None = None) -> bytes:
    """The Green Button feed for every account (or one) as UTF-8 XML bytes."""
    con = engine.connect(store_path)
    try:
        rows = engine.query(con, "espi_periods", {"account": account})
    finally:
        con.close()
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ET.register_namespace("", ATOM)
    ET.register_namespace("espi", ESPI)
    feed = ET.Element(_a("feed"))
    _sub(feed, _a("id"), f"urn:uuid:{uuid.uuid5(_NS_ID, 'feed|' + (account or '*'))}")
    _sub(feed, _a("title"), "MiniMeter usage per billing period (Green Button)")
    _sub(feed, _a("updated"), stamp)
    groups = groupby(rows, key=lambda r: (r["account_number"], r["provider_key"], r["commodity"]))
    for n, (_, group) in enumerate(groups, start=1):
        _usage_point(feed, n, list(group), stamp)
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)  # typeshed: Any for this overload
    return xml


def write_espi(store_path: Source, path: Path | str, *, account: str | None = None) -> Path:
    """Write the feed to ``path`` (atomically: beside it, then renamed)."""
    out = Path(path)
    tmp = out.with_name(f".{out.name}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(espi_xml(store_path, account=account))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportError(f"cannot write {out}: {exc.strerror}", hint="pick another --out path") from exc
    return out
