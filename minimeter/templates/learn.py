"""Learn a layout template from an approved bill.

``learn(doc, bill, result, ...) -> Template | None``: for every approved scalar field, find where its
value is printed (by its parsed value: "1.234,56" is 1234.56, "03.04.2025" is 2025-04-03, "4300 335 187"
is 7100448261), preferring the place the extractor read it from when the reviewer kept it, then a
place with a label beside it; the anchor is that label (same row to the left, or above in the same
column) and the value's box. A field whose value is not printed anywhere (a sum the reviewer worked
out) gets no anchor: the template never invents. Fields that are one per layout (provider, currency,
units) are kept as constants. None when not even one field could be anchored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.schema import DATE_FIELDS, ID_FIELDS, MONEY_FIELDS, QUANTITY_FIELDS, BillNormalized
from minimeter.templates import fingerprint
from minimeter.templates.model import Anchor, Template, now
from minimeter.templates.page import (
    Row,
    TextPlace,
    Value,
    fold,
    id_key,
    label_above,
    label_left,
    page_rows,
    shape,
    text_place,
)
from minimeter.templates.page import find_values as values_on

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import ExtractionResult

CONST_FIELDS = ("provider", "provider_id", "currency", "gas_usage_unit", "water_usage_unit")
TEXT_FIELDS = ("customer_name", "service_address", "rate_plan")
VARIABLE_TEXT = ("customer_name", "service_address", "rate_plan", "account_number", "meter_number")


def fmt_of(name: str) -> str:
    if name in MONEY_FIELDS:
        return "money"
    if name in QUANTITY_FIELDS:
        return "number"
    if name in DATE_FIELDS:
        return "date"
    if name in ID_FIELDS:
        return "id"
    if name in CONST_FIELDS:
        return "const"
    return "text"


def same_value(fmt: str, want: Any, got: Any) -> bool:
    """``got`` (read from the page) is the approved ``want``: by value, not by string."""
    if want is None or got is None:
        return False
    if fmt in ("money", "number"):
        a, b = Decimal(str(want)), Decimal(str(got))
        return abs(abs(a) - abs(b)) <= (Decimal("0.005") if fmt == "money" else max(abs(a) * Decimal("1e-6"),
                                                                                    Decimal("0.0005")))
    if fmt == "date":
        return isinstance(got, dt.date) and got == want
    if fmt == "id":
        return id_key(str(got)) == id_key(str(want))
    return fold(str(got)).strip(" ,") == fold(str(want)).strip(" ,")


def _occurrences(doc: Document, name: str, want: Any,
                 ref: dt.date | None) -> list[tuple[Value, TextPlace | None, list[Row]]]:
    fmt = fmt_of(name)
    out: list[tuple[Value, TextPlace | None, list[Row]]] = []
    for page in doc.pages:
        rows = page_rows(page)
        for v in values_on(rows, fmt, ref=ref):
            if fmt == "text":
                place = text_place(rows, v, str(want))
                if place is not None:
                    out.append((v, place, rows))
            elif same_value(fmt, want, v.value):
                out.append((v, None, rows))
    return out


def _anchor_for(name: str, v: Value, place: TextPlace | None, rows: list[Row],
                page_text: str) -> tuple[Anchor, float]:
    """The anchor of one occurrence and how good an anchor it makes (a unique label beside it is best)."""
    fmt = fmt_of(name)
    row = rows[v.row]
    plain = Anchor(fmt=fmt, page=v.page, value_box=[round(x, 1) for x in v.box], variant=v.variant,  # type: ignore[arg-type]
                   shape=shape(v.text) if fmt == "id" else "", lines=place.lines if place else 1,
                   more_rows=place.more if place else [])
    left = label_left(row, v.start - row.offset)
    if left is not None:
        label, box = left
        unique = len(re.findall(re.escape(label), page_text)) == 1
        return plain.model_copy(update={"label": label, "relation": "right",
                                        "label_box": [round(x, 1) for x in box]}), 3 + unique
    above = label_above(rows, v.row, v.box)
    if above is not None:
        label, box, up = above
        unique = len(re.findall(re.escape(label), page_text)) == 1
        return (plain.model_copy(update={"label": label, "relation": "below", "label_box": [round(x, 1) for x in box]}),
                2.5 + unique - 0.1 * up - _variable_label(label))
    return plain, 1.0


def label_fit(name: str, label: str) -> float:
    """How well a label names this field rather than another, by the shared vocabulary (when there is one):
    "Total Amount Due" and "Current Charges" both print 1,234.56 on a bill with nothing carried over."""
    try:
        from minimeter.extract.vocab import LABELS
    except ImportError:
        return 0.0
    text = fold(label)
    if not text:
        return 0.0

    def fit(f: str) -> float:
        best = 0.0
        for phrase, weight in LABELS.get(f, []):
            p = fold(phrase)
            if p == text:
                best = max(best, weight)
            elif len(p) > 3 and p in text:
                best = max(best, 0.7 * weight)
        return best

    others = max((fit(f) for f in LABELS if f != name), default=0.0)
    return 1.5 * fit(name) - (1.0 * others if others > fit(name) else 0.0)


def _variable_label(label: str) -> float:
    """A "label" with figures or month names is a value of a table (a history chart's "Jan 24"): a poor anchor."""
    from minimeter.extract.parse import MONTHS

    words = [fold(w).strip(".,:") for w in label.split()]
    return 2.0 if any(re.search(r"\d", w) or w in MONTHS for w in words) else 0.0


@dataclass
class Placed:
    """Where an approved value was found: its anchor, the printed value and its page's rows."""

    anchor: Anchor
    value: Value
    rows: list[Row]


def place_field(doc: Document, name: str, want: Any, span: tuple[int, int, int] | None = None,
                ref: dt.date | None = None, order: str = "DMY",
                beside: tuple[int, float] | None = None, context: str = "",
                taken: set[tuple[int, tuple[float, ...]]] | None = None, style: str | None = None,
                then: Any = None) -> Placed | None:
    """Where the approved ``want`` of field ``name`` is printed, with its anchor; None when it is nowhere.
    ``span`` (page, start, end in layout text) is where the extractor read it, preferred when it holds the value.
    ``order``: the date order to record when the printed date reads the same in several (17.07.2025).
    ``beside``: (page, top) of a related value (a period's start) whose row is preferred. ``context``: the
    plain-text line before the value where the extractor read it (its label there picks the occurrence).
    ``taken``: places other fields are anchored at (two fields of equal value get two places when there are).
    ``style``: the number format the document's unambiguous figures show (``number_format(doc)`` when None).
    ``then``: a date printed right after this one where the value sits (a period's end after its start): the
    place of the whole range is preferred to a place where the date is printed alone."""
    if style is None and fmt_of(name) in ("money", "number"):
        style = number_format(doc)
    best: tuple[float, Placed] | None = None
    for v, place, rows in _occurrences(doc, name, want, ref):
        page = doc.pages[v.page - 1]
        text = page.layout_text if page.layout_text is not None else page.text
        anchor, score = _anchor_for(name, v, place, rows, text)
        if place is not None and place.partial:
            score -= 1  # only the printed parts of what the reviewer typed (a city added by hand)
        if span is not None and span[0] == v.page and v.start < span[2] and span[1] < v.end:
            score += 2
        if anchor.label and context and fold(anchor.label) in context[-80:]:
            score += 2
        score += label_fit(name, anchor.label)
        if taken and (anchor.page, tuple(anchor.value_box)) in taken:
            score -= 3
        score -= 0.01 * v.page
        if v.fmt == "date" and v.variant == order:
            score += 0.05
        if v.fmt in ("money", "number") and v.variant == (number_style(v.text, "") or style
                                                          or number_style(v.text, order)):
            score += 0.05
        if beside is not None and v.page == beside[0] and abs(v.box[1] - beside[1]) <= 3:
            score += 1.5  # the end of a range printed beside its start, not where another field repeats it
        if then is not None and v.fmt == "date" and next_date(rows, v, then, ref) is not None:
            score += 2.5  # the whole range printed here ("dal 01/11 al 31/12"), not one of its dates in a sentence
        if best is None or score > best[0]:
            best = (score, Placed(anchor, v, rows))
    return best[1] if best else None


def anchor_field(doc: Document, name: str, want: Any, span: tuple[int, int, int] | None = None,
                 ref: dt.date | None = None, order: str = "DMY",
                 beside: tuple[int, float] | None = None, context: str = "",
                 taken: set[tuple[int, tuple[float, ...]]] | None = None) -> Anchor | None:
    """The anchor of ``place_field`` (same arguments), or None."""
    placed = place_field(doc, name, want, span, ref, order, beside, context, taken)
    return placed.anchor if placed else None


PERIOD = ("billing_period_start", "billing_period_end")
RANGE_ROWS = 2
"""How many rows below its start a range's end may be printed ("dal 01/11/2024" over "al 31/12/2024")."""


def next_date(rows: list[Row], v: Value, want: Any, ref: dt.date | None) -> tuple[Value, int] | None:
    """The date printed right after the date ``v`` when it is the approved ``want`` (a range printed as one:
    "Mar 6 - Apr 7", "del 19.05.2025 al 11.06.2025", or a "to" date on the row under its "from" date in the
    same column); (that date, rows below ``v``), else None. Another date in between means it is not a range."""
    dates = [d for d in values_on(rows, "date", v.variant, ref) if v.row <= d.row <= v.row + RANGE_ROWS]
    first = following(dates, v, rows[v.row].char_width())
    if first is None or not same_value("date", want, first.value):
        return None
    return first, first.row - v.row


def following(dates: list[Value], v: Value, char_w: float) -> Value | None:
    """The first of ``dates`` after ``v`` in reading order: right of it on its row, else on the nearest row
    below that prints a date in its column (its left edge within four characters of ``v``'s)."""
    right = sorted((d for d in dates if d.row == v.row and d.box[0] >= v.box[2] - 1), key=lambda d: d.box[0])
    if right:
        return right[0]
    below = sorted((d for d in dates if d.row > v.row and abs(d.box[0] - v.box[0]) <= 4 * char_w),
                   key=lambda d: (d.row, d.box[0]))
    return below[0] if below else None


def after_anchor(start: Placed, want: Any, ref: dt.date | None) -> Anchor | None:
    """The period's end anchored to its start when the two are printed as one range; None when they are not."""
    nxt = next_date(start.rows, start.value, want, ref)
    if nxt is None:
        return None
    v, gap = nxt
    return Anchor(fmt="date", page=v.page, relation="after", after="billing_period_start", gap=gap,
                  value_box=[round(x, 1) for x in v.box], variant=v.variant)


def number_format(doc: Document) -> str:
    """The number format most of the document's unambiguous figures show ("us" 1,234.56 / "eu" 1.234,56),
    "" when none is unambiguous. A figure such as "945" or "1,062" reads alike in both, so its format is the
    document's, not the date habit's (a UK bill writes dates day first and figures the US way)."""
    counts = {"us": 0, "eu": 0}
    for page in doc.pages:
        for v in values_on(page_rows(page), "number", "us"):
            style = number_style(v.text, "")
            if style:
                counts[style] += 1
    if counts["us"] == counts["eu"]:
        return ""
    return "us" if counts["us"] > counts["eu"] else "eu"


def number_style(text: str, order: str) -> str:
    """The number format a printed figure shows: a comma before the last 1-2 or 4+ digits is a decimal comma
    (1.234,56); a dot there a decimal point; ambiguous figures (1.234, 812) follow the date habit."""
    m = re.search(r"([.,])(\d+)\D*$", text)
    if m and len(m.group(2)) != 3:
        return "eu" if m.group(1) == "," else "us"
    if not order:
        return ""
    return "us" if order == "MDY" else "eu"


def date_order(bill: BillNormalized) -> str:
    """Month first is a North American habit; elsewhere day first (used only when a printed date reads alike)."""
    return "MDY" if bill.currency in ("USD", None) else "DMY"


def sum_anchor(doc: Document, name: str, want: Any, order: str = "DMY") -> Anchor | None:
    """A value printed only as its parts: the figures of one labelled row add up to it (kWh per
    time-of-use period). None when no row does. The number format is the one the figures show."""
    from minimeter.templates.page import NUMBER_FORMATS

    fmt = fmt_of(name)
    for page in doc.pages:
        rows = page_rows(page)
        styles = [number_style(v.text, "") for v in values_on(rows, fmt, "us")]
        shown = "eu" if styles.count("eu") > styles.count("us") else "us" if styles.count("us") else ""
        first = shown or ("us" if order == "MDY" else "eu")
        for nf in sorted(NUMBER_FORMATS, key=lambda f: f != first):
            by_row: dict[int, list[Value]] = {}
            for v in values_on(rows, fmt, nf):
                by_row.setdefault(v.row, []).append(v)
            for i, vs in sorted(by_row.items()):
                if len(vs) < 2 or not same_value(fmt, want, sum(v.value for v in vs)):
                    continue
                left = label_left(rows[i], vs[0].start - rows[i].offset)
                if left is None:
                    continue
                box = [min(v.box[0] for v in vs), min(v.box[1] for v in vs), max(v.box[2] for v in vs),
                       max(v.box[3] for v in vs)]
                return Anchor(fmt=fmt, page=page.number, label=left[0], relation="row_sum",  # type: ignore[arg-type]
                              label_box=[round(x, 1) for x in left[1]], value_box=[round(x, 1) for x in box],
                              variant=nf, lines=len(vs))
    return None


def _variable_words(bill: BillNormalized) -> set[str]:
    words: set[str] = set()
    for name in VARIABLE_TEXT:
        v = getattr(bill, name)
        if v:
            words |= {fold(w).strip(".,:;()#") for w in str(v).split()}
    from minimeter.extract.parse import MONTHS

    return words | set(MONTHS)


def template_id(provider: str | None, sha256: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(provider or "layout")).strip("-")[:24] or "layout"
    return f"{slug}-{hashlib.sha256(sha256.encode()).hexdigest()[:6]}"


def learn(doc: Document, bill: BillNormalized, result: ExtractionResult | None, *, job_id: int | None = None,
          file_name: str = "", sha256: str = "", human: set[str] | None = None) -> Template | None:
    """A template for ``doc``'s layout from its approved ``bill``. ``human``: fields the reviewer set
    (their place is searched by value only, never taken from the machine's span)."""
    human = human or set()
    fields: dict[str, Anchor] = {}
    placed: dict[str, Placed] = {}
    unread: list[str] = []
    ref, order, style = bill.statement_date or bill.due_date, date_order(bill), number_format(doc)
    for name in BillNormalized.scalar_fields():
        want = getattr(bill, name)
        if want is None or want == "":
            if name in human and fmt_of(name) != "text" and result is not None \
                    and getattr(result.bill, name) is not None:
                unread.append(name)  # the generic reading invents this field on this layout
            continue
        fmt = fmt_of(name)
        if fmt == "const":
            fields[name] = Anchor(fmt="const", value=str(want), printed=printed_on(doc, str(want)))
            continue
        span, context = None, ""
        ev = result.evidence.get(name) if result is not None else None
        # A reviewer who corrected one end of the period says the extractor read it in the wrong place.
        trusted = name not in human and not (name in PERIOD and human & set(PERIOD))
        if ev is not None and ev.span is not None and trusted:
            if ev.span.layout:
                span = (ev.span.page, ev.span.start, ev.span.end)
            elif 1 <= ev.span.page <= len(doc.pages):
                plain = doc.pages[ev.span.page - 1].text
                context = fold(plain[plain.rfind("\n", 0, ev.span.start) + 1:ev.span.start])
        if name == "billing_period_end" and "billing_period_start" in placed:
            after = after_anchor(placed["billing_period_start"], want, ref)
            if after is not None:
                fields[name] = after
                continue
        start = fields.get("billing_period_start")
        beside = (start.page, start.value_box[1]) if name == "billing_period_end" and start and start.value_box \
            else None
        taken = {(a.page, tuple(a.value_box)) for a in fields.values() if a.value_box}
        p = place_field(doc, name, want, span, ref=ref, order=order, beside=beside, context=context, taken=taken,
                        style=style, then=bill.billing_period_end if name == "billing_period_start" else None)
        anchor = p.anchor if p else None
        if p is not None:
            placed[name] = p
        if anchor is None and fmt in ("money", "number"):
            anchor = sum_anchor(doc, name, want, order)
        if anchor is not None:
            fields[name] = anchor
        elif name in human and fmt != "text" and result is not None and getattr(result.bill, name) is not None:
            unread.append(name)  # the generic reading was wrong here and the template cannot do better
    if not any(a.fmt != "const" for a in fields.values()):
        return None
    pages = sorted({a.page for a in fields.values() if a.fmt != "const"})
    fp = fingerprint.build(doc, pages, _variable_words(bill))
    stamp = now()
    return Template(id=template_id(bill.provider, sha256 or file_name), provider=bill.provider,
                    provider_id=bill.provider_id, origin_job=job_id, origin_file=file_name, origin_sha256=sha256,
                    created_at=stamp, updated_at=stamp, fingerprint=fp, fields=fields, unread=unread,
                    cycle_days=cycle_days(bill))


def printed_on(doc: Document, value: str) -> bool:
    """``value`` (a utility's name) is printed on ``doc``, accents, case and spacing aside."""
    text = fold(" ".join(f"{p.text} {p.layout_text or ''}" for p in doc.pages))
    return len(value.strip()) >= 3 and fold(value) in text


def cycle_days(bill: BillNormalized) -> int:
    """The approved bill's period length in days (0 when it has no period)."""
    s, e = bill.billing_period_start, bill.billing_period_end
    return (e - s).days if s and e and 0 < (e - s).days <= 400 else 0
