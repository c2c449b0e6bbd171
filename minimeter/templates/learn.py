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
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.schema import DATE_FIELDS, ID_FIELDS, MONEY_FIELDS, QUANTITY_FIELDS, BillNormalized
from minimeter.templates import fingerprint
from minimeter.templates.model import Anchor, Template, now
from minimeter.templates.page import Row, Value, fold, id_key, label_above, label_left, page_rows, shape
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


def _text_run(rows: list[Row], v: Value, want: str, limit: int = 6) -> int:
    """How many rows of one column, starting with the cell ``v``, the approved text spans (0: not it)."""
    target = re.sub(r"[\s,]+", " ", fold(want)).strip()
    got = re.sub(r"[\s,]+", " ", fold(v.text)).strip()
    if got == target:
        return 1
    if not got or not target.startswith(got + " "):
        return 0
    acc, n, i = got, 1, v.row
    while n < limit and i + 1 < len(rows):
        i += 1
        nxt = next((c for c in values_on([rows[i]], "text") if abs(c.box[0] - v.box[0]) <= 3 * rows[i].char_width()),
                   None)
        if nxt is None:
            return 0
        acc = acc + " " + re.sub(r"[\s,]+", " ", fold(nxt.text)).strip()
        n += 1
        if acc == target:
            return n
        if not target.startswith(acc + " "):
            return 0
    return 0


def _occurrences(doc: Document, name: str, want: Any, ref: dt.date | None) -> list[tuple[Value, int, list[Row]]]:
    fmt = fmt_of(name)
    out: list[tuple[Value, int, list[Row]]] = []
    for page in doc.pages:
        rows = page_rows(page)
        for v in values_on(rows, fmt, ref=ref):
            if fmt == "text":
                n = _text_run(rows, v, str(want))
                if n:
                    out.append((v, n, rows))
            elif same_value(fmt, want, v.value):
                out.append((v, 1, rows))
    return out


def _anchor_for(name: str, v: Value, lines: int, rows: list[Row], page_text: str) -> tuple[Anchor, float]:
    """The anchor of one occurrence and how good an anchor it makes (a unique label beside it is best)."""
    fmt = fmt_of(name)
    row = rows[v.row]
    plain = Anchor(fmt=fmt, page=v.page, value_box=[round(x, 1) for x in v.box], variant=v.variant,  # type: ignore[arg-type]
                   shape=shape(v.text) if fmt == "id" else "", lines=lines)
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


def anchor_field(doc: Document, name: str, want: Any, span: tuple[int, int, int] | None = None,
                 ref: dt.date | None = None, order: str = "DMY",
                 beside: tuple[int, float] | None = None, context: str = "",
                 taken: set[tuple[int, tuple[float, ...]]] | None = None) -> Anchor | None:
    """Where the approved ``want`` of field ``name`` is printed, as an anchor; None when it is nowhere.
    ``span`` (page, start, end in layout text) is where the extractor read it, preferred when it holds the value.
    ``order``: the date order to record when the printed date reads the same in several (17.07.2025).
    ``beside``: (page, top) of a related value (a period's start) whose row is preferred. ``context``: the
    plain-text line before the value where the extractor read it (its label there picks the occurrence).
    ``taken``: places other fields are anchored at (two fields of equal value get two places when there are)."""
    best: tuple[float, Anchor] | None = None
    for v, lines, rows in _occurrences(doc, name, want, ref):
        page = doc.pages[v.page - 1]
        text = page.layout_text if page.layout_text is not None else page.text
        anchor, score = _anchor_for(name, v, lines, rows, text)
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
        if v.fmt in ("money", "number") and v.variant == number_style(v.text, order):
            score += 0.05
        if beside is not None and v.page == beside[0] and abs(v.box[1] - beside[1]) <= 3:
            score += 1.5  # the end of a range printed beside its start, not where another field repeats it
        if best is None or score > best[0]:
            best = (score, anchor)
    return best[1] if best else None


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
    unread: list[str] = []
    for name in BillNormalized.scalar_fields():
        want = getattr(bill, name)
        if want is None or want == "":
            if name in human and fmt_of(name) != "text" and result is not None \
                    and getattr(result.bill, name) is not None:
                unread.append(name)  # the generic reading invents this field on this layout
            continue
        fmt = fmt_of(name)
        if fmt == "const":
            fields[name] = Anchor(fmt="const", value=str(want))
            continue
        span, context = None, ""
        ev = result.evidence.get(name) if result is not None else None
        if ev is not None and ev.span is not None and name not in human:
            if ev.span.layout:
                span = (ev.span.page, ev.span.start, ev.span.end)
            elif 1 <= ev.span.page <= len(doc.pages):
                plain = doc.pages[ev.span.page - 1].text
                context = fold(plain[plain.rfind("\n", 0, ev.span.start) + 1:ev.span.start])
        start = fields.get("billing_period_start")
        beside = (start.page, start.value_box[1]) if name == "billing_period_end" and start and start.value_box \
            else None
        taken = {(a.page, tuple(a.value_box)) for a in fields.values() if a.value_box}
        anchor = anchor_field(doc, name, want, span, ref=bill.statement_date or bill.due_date,
                              order=date_order(bill), beside=beside, context=context, taken=taken)
        if anchor is None and fmt in ("money", "number"):
            anchor = sum_anchor(doc, name, want, date_order(bill))
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
                    created_at=stamp, updated_at=stamp, fingerprint=fp, fields=fields, unread=unread)
