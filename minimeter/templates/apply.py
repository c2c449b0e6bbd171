"""Read a bill with a matching template: each anchored field where the approved bill printed it.

``read(template, doc, likeness) -> Reading``: each anchored field is looked for beside its label
(the label found again on the aligned page, the value in the same relation: same row to the right,
or below it), else beside a label printed in other words where the learned one was (another language),
else, for dates, identifiers and text, at the box where the value was (a value of the same format and
shape, and only one there). A period's end anchored ``after`` its start is the date printed right after
the start read on this bill (a range printed as one). Constants (provider, currency) come as they were
approved.

Template values carry ``FieldEvidence(source="template")`` with a note naming the template and the
label. What is kept of them is decided by ``merge`` (the bill's own checks).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.schema import FieldEvidence, Span
from minimeter.templates.fingerprint import X_TOL, Y_TOL
from minimeter.templates.learn import RANGE_ROWS, following
from minimeter.templates.page import Row, Value, find_values, page_rows, page_size, shape, text_at
from minimeter.validate.corroborate import TEMPLATE_CYCLE

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.templates.fingerprint import Likeness
    from minimeter.templates.model import Anchor, Template

CONF_IN_PLACE = 0.97
"""A value found beside its label, the label where it was on the approved bill."""
CONF_LABEL = 0.95
"""A value found beside its label, in the same relation, the label moved (rows added above it)."""
CONF_POSITION = 0.85
"""A value found only at its box (the label is not printed as it was: another language)."""
POSITION_FORMATS = ("date", "id", "text")
"""Formats read at their old box when the label is not found: a date or an identifier of the learned shape
at the same box is the same field; any figure could sit where an amount was (a table's next line)."""

@dataclass
class Reading:
    template: Template
    likeness: Likeness
    values: dict[str, tuple[Any, FieldEvidence]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    """Fields not found where the template expects them (counted against it)."""
    unique: set[str] = field(default_factory=set)
    """Fields found beside a label of six or more characters printed once on the page."""
    confirm_only: set[str] = field(default_factory=set)
    """Fields read where the label was but in other words, of a format any printed figure or text has (money,
    numbers, text): they confirm a generic value equal to them and never stand in for a missing one."""
    unlabelled: list[str] = field(default_factory=list)
    """Figures whose label is not printed as it was (another language) and that are not read by position:
    left to the generic reading, not counted against the template."""


def _label_rx(label: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in label.split()) + r"(?!\w)")


def _dist(a: list[float] | tuple[float, ...], b: list[float] | tuple[float, ...]) -> float:
    return min(abs(a[0] - b[0]), abs(a[2] - b[2])) + abs(a[1] - b[1])


def _candidates(anchor: Anchor, rows: list[Row], ref: dt.date | None) -> list[Value]:
    out = find_values(rows, anchor.fmt, anchor.variant, ref)
    if anchor.fmt == "id" and anchor.shape:
        out = [v for v in out if shape_fits(anchor.shape, shape(v.text))]
    return out


def _beside_label(anchor: Anchor, rows: list[Row], cands: list[Value], width: float,
                  height: float) -> tuple[Value, list[float]] | None:
    """The value beside the label found again on the page, in the learned relation. A label found far
    from where it was (a short word printed elsewhere) is not this anchor's label."""
    rx = _label_rx(anchor.label)
    lb0, vb0 = anchor.label_box, anchor.value_box
    strong = len(anchor.label.strip()) >= 6
    max_dy, max_dx = height * (0.25 if strong else 3 * Y_TOL), width * (0.3 if strong else X_TOL)
    found: list[tuple[float, Value, list[float]]] = []
    for i, row in enumerate(rows):
        for m in rx.finditer(row.text):
            found_box = row.box(m.start(), m.end())
            if found_box is None or abs(found_box[1] - lb0[1]) > max_dy or abs(found_box[0] - lb0[0]) > max_dx:
                continue
            lb = list(found_box)
            dx, dy = lb[0] - lb0[0], lb[1] - lb0[1]
            expect = [vb0[0] + dx, vb0[1] + dy, vb0[2] + dx, vb0[3] + dy]
            if anchor.relation == "right":
                near = [v for v in cands if v.row == i and v.box[0] >= lb[2] - 1]
            else:
                near = [v for v in cands if i < v.row <= i + 10 and v.box[2] >= lb[0] - 2 and v.box[0] <= lb[2] + 2]
            if not near:
                continue
            v = min(near, key=lambda c: _dist(c.box, expect))
            found.append((_dist(lb, lb0), v, lb))
    if not found:
        return None
    _, best, where = min(found, key=lambda t: t[0])
    return best, where


def _after(start: Value, rows: list[Row], cands: list[Value]) -> Value | None:
    """The date printed right after the period's start (the end of a range printed as one)."""
    near = [c for c in cands if start.row <= c.row <= start.row + RANGE_ROWS + 1]
    return following(near, start, rows[start.row].char_width())


def _label_in_place(anchor: Anchor, rows: list[Row], cands: list[Value], width: float,
                    height: float) -> Value | None:
    """The value beside a label printed in other words where the learned one was (another language, another
    wording of one template): a row with a word starting at the label's left edge on the label's line, the
    value in the learned relation to it. A value printed just after its label moves with the label's end."""
    lb0, vb0 = anchor.label_box, anchor.value_box
    if not lb0 or not vb0:
        return None
    xt, yt = width * X_TOL, height * Y_TOL
    for i, row in enumerate(rows):
        if abs(row.top - lb0[1]) > yt:
            continue
        first = next((w for w in row.words if abs(w.x0 - lb0[0]) <= xt and w.text[:1].isalpha()), None)
        if first is None:
            continue
        if anchor.relation == "right":
            near = sorted((c for c in cands if c.row == i and c.box[0] > first.x1), key=lambda c: c.box[0])
            if not near:
                continue
            end = max(w.x1 for w in row.words if first.x0 <= w.x0 and w.x1 <= near[0].box[0])
            dx = end - lb0[2] if vb0[0] - lb0[2] <= 3 * row.char_width() else 0.0
            expect = [vb0[0] + dx, vb0[1], vb0[2] + dx, vb0[3]]
        else:
            span = (first.x0, first.x0 + lb0[2] - lb0[0])
            near = [c for c in cands if i < c.row <= i + 10 and c.box[2] >= span[0] - 2 and c.box[0] <= span[1] + 2]
            if not near:
                continue
            expect = list(vb0)
        return min(near, key=lambda c: _dist(c.box, expect))
    return None


def _at_box(anchor: Anchor, cands: list[Value], width: float, height: float) -> Value | None:
    """The value of the anchor's format printed on the same line as before (it overlaps the old box by more
    than half its height) with its left or right edge where it was; None when there is none."""
    xt = width * X_TOL
    vb = anchor.value_box
    half = max(2.0, 0.5 * (vb[3] - vb[1]))
    near = [v for v in cands
            if abs(v.box[1] - vb[1]) <= half and (abs(v.box[0] - vb[0]) <= xt or abs(v.box[2] - vb[2]) <= xt)]
    distinct = {str(v.value) for v in near}
    return min(near, key=lambda v: _dist(v.box, vb)) if len(distinct) == 1 else None


def shape_fits(want: str, got: str) -> bool:
    """An identifier of the same kind: the same runs of letters, figures and separators, about as long."""
    def runs(x: str) -> str:
        return re.sub(r"(.)\1+", r"\1", x)

    return runs(want) == runs(got) and abs(len(want) - len(got)) <= 3


def _row_sum(anchor: Anchor, rows: list[Row], cands: list[Value], width: float,
             height: float) -> tuple[Decimal, Value, float, str] | None:
    """The sum of the figures right of the anchor's label (found again, or a label cell starting where it
    started, in another language), when the row holds as many figures as it did."""
    rx = _label_rx(anchor.label)
    lb0 = anchor.label_box
    half = max(2.0, 0.5 * (lb0[3] - lb0[1]))
    options: list[tuple[float, int, float, str]] = []
    for i, row in enumerate(rows):
        m = rx.search(row.text)
        if m is not None:
            lb = row.box(m.start(), m.end())
            if lb is not None and abs(lb[1] - lb0[1]) <= height * 0.25:
                options.append((abs(lb[1] - lb0[1]), i, CONF_LABEL, f"sum of the {anchor.lines} figures right of "
                                                                    f"'{anchor.label}'"))
        elif abs(row.top - lb0[1]) <= half and any(abs(w.x0 - lb0[0]) <= width * X_TOL and w.text[:1].isalpha()
                                                   for w in row.words):
            options.append((abs(row.top - lb0[1]) + height, i, CONF_POSITION,
                            f"sum of the {anchor.lines} figures of the row where '{anchor.label}' was"))
    for _, i, conf, how in sorted(options):
        vs = [v for v in cands if v.row == i and v.box[0] >= anchor.value_box[0] - width * X_TOL]
        if len(vs) == anchor.lines:
            return sum((Decimal(str(v.value)) for v in vs), Decimal(0)), vs[0], conf, how
    return None


def read(template: Template, doc: Document, likeness: Likeness, ref: dt.date | None = None) -> Reading:
    """``ref``: a date of the bill (the generic statement date) that places yearless dates."""
    out = Reading(template, likeness)
    rows_cache: dict[int, list[Row]] = {}
    placed: dict[str, tuple[int, Value, float]] = {}
    """Fields read so far: (page, the printed value, confidence), for anchors that follow another field."""
    order = sorted(template.fields, key=lambda k: (k not in ("statement_date", "due_date"),
                                                   template.fields[k].relation == "after"))
    for name in order:
        anchor = template.fields[name]
        if ref is None and name not in ("statement_date", "due_date"):
            got = out.values.get("statement_date") or out.values.get("due_date")
            ref = got[0] if got and isinstance(got[0], dt.date) else None
        if anchor.fmt == "const":
            out.values[name] = (anchor.value, FieldEvidence(value=anchor.value, confidence=CONF_LABEL,
                                                            source="template", note=f"template {template.id}"))
            continue
        n = likeness.pages.get(anchor.page, anchor.page)
        if not 1 <= n <= len(doc.pages):
            out.missing.append(name)
            continue
        if n not in rows_cache:
            rows_cache[n] = page_rows(doc.pages[n - 1])
        rows = rows_cache[n]
        cands = _candidates(anchor, rows, ref)
        w, h = page_size(doc.pages[n - 1], rows)
        if anchor.relation == "row_sum":
            summed = _row_sum(anchor, rows, cands, w, h)
            if summed is None:
                out.missing.append(name)
                continue
            total, first, conf, how = summed
            span = Span(page=n, start=first.start, end=first.end, text=first.text[:500], layout=True)
            out.values[name] = (total, FieldEvidence(value=str(total), confidence=conf, source="template", span=span,
                                                     note=f"template {template.id}: {how}"[:200]))
            continue
        labelled = bool(anchor.label) and anchor.relation in ("right", "below")
        hit = _beside_label(anchor, rows, cands, w, h) if labelled else None
        how, conf = "", CONF_LABEL
        v: Value | None = None
        if anchor.relation == "after":
            start = placed.get(anchor.after)
            if start is not None and start[0] == n:
                v = _after(start[1], rows, cands)
                how, conf = f"the date after the {anchor.after.replace('_', ' ')}", start[2]
        elif hit is not None:
            v, lb = hit
            how = f"{'right of' if anchor.relation == 'right' else 'below'} '{anchor.label}'"
            rx = _label_rx(anchor.label)
            if len(anchor.label) >= 6 and sum(len(rx.findall(r.text)) for r in rows) == 1:
                out.unique.add(name)
            if abs(lb[1] - anchor.label_box[1]) <= h * Y_TOL and abs(lb[0] - anchor.label_box[0]) <= w * X_TOL:
                conf = CONF_IN_PLACE
        elif labelled and anchor.fmt in ("date", "id") and (v := _label_in_place(anchor, rows, cands, w, h)):
            how, conf = f"beside the label printed where '{anchor.label}' was", CONF_POSITION
        elif anchor.fmt in POSITION_FORMATS and (v := _at_box(anchor, cands, w, h)):
            how, conf = "at the box where it was printed", CONF_POSITION
        elif labelled and (v := _label_in_place(anchor, rows, cands, w, h)):
            how, conf = f"beside the label printed where '{anchor.label}' was", CONF_POSITION
            out.confirm_only.add(name)  # any figure or text could sit there: it confirms, never fills a gap
        elif anchor.fmt in POSITION_FORMATS:
            pass
        elif anchor.label and not any(_label_rx(anchor.label).search(r.text) for r in rows):
            out.unlabelled.append(name)
            continue
        if v is None:
            out.missing.append(name)
            continue
        value: Any = v.value
        if anchor.fmt == "text":
            value = text_at(rows, v, anchor.lines, anchor.more_rows)
        elif anchor.fmt in ("money", "number") and name == "payments" and isinstance(value, Decimal):
            value = abs(value)
        elif anchor.fmt == "id":
            value = re.sub(r"\s+", " ", str(value)).strip()
        span = Span(page=n, start=v.start, end=v.end, text=v.text[:500], layout=True)
        if "box" in Span.model_fields:  # the geometry seam: the box a reviewer sees marked on the page
            span = span.model_copy(update={"box": v.box})
        if name in ("billing_period_start", "billing_period_end") and template.cycle_days:
            how = f"{how[:100]}; {TEMPLATE_CYCLE} {template.cycle_days} days"
        out.values[name] = (value, FieldEvidence(value=str(value), confidence=conf, source="template", span=span,
                                                 note=f"template {template.id}: {how}"[:200]))
        placed[name] = (n, v, conf)
    return out
