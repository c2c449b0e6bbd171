"""Read a bill with a matching template, then let the bill's own checks decide what to keep.

``read(template, doc, likeness) -> Reading``: each anchored field is looked for beside its label
(the label found again on the aligned page, the value in the same relation: same row to the right,
or below it), else, for a label printed in another language, at the box where the value was (a value
of the same format and shape, and only one there). Constants (provider, currency) come as they were
approved.

``merge(generic, reading, doc, settings) -> Merged``: the template's values replace the generic
extractor's, then validation runs; a template value named by a failed check is taken back (the
generic value returns) and validation runs again, so a template never overrides a value that fails
a check. When too many of its fields are missing or taken back (the layout changed), the template
is set aside for this bill: the generic result is returned untouched and ``Merged.note`` says why.

Template values carry ``FieldEvidence(source="template")`` with a note naming the template and the
label; validation counts a template value the bill's arithmetic agrees with as corroborated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.schema import FieldEvidence, Span
from minimeter.templates.fingerprint import X_TOL, Y_TOL
from minimeter.templates.learn import same_value
from minimeter.templates.page import Row, Value, find_values, page_rows, page_size, shape

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import ExtractionResult
    from minimeter.settings import Settings
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
SET_ASIDE_SHARE = 0.4
"""A template whose fields are missing or contradicted on more than this share of them is set aside."""


@dataclass
class Reading:
    template: Template
    likeness: Likeness
    values: dict[str, tuple[Any, FieldEvidence]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    """Fields not found where the template expects them (counted against it)."""
    unique: set[str] = field(default_factory=set)
    """Fields found beside a label of six or more characters printed once on the page."""
    unlabelled: list[str] = field(default_factory=list)
    """Figures whose label is not printed as it was (another language) and that are not read by position:
    left to the generic reading, not counted against the template."""


@dataclass
class Merged:
    result: ExtractionResult
    used: list[str] = field(default_factory=list)
    """Fields whose value came from (or was confirmed by) the template."""
    rejected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    set_aside: bool = False
    note: str = ""


def _label_rx(label: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in label.split()) + r"(?!\w)")


def _dist(a: list[float] | tuple[float, ...], b: list[float] | tuple[float, ...]) -> float:
    return min(abs(a[0] - b[0]), abs(a[2] - b[2])) + abs(a[1] - b[1])


def _candidates(anchor: Anchor, rows: list[Row], ref: dt.date | None) -> list[Value]:
    out = find_values(rows, anchor.fmt, anchor.variant, ref)
    if anchor.fmt == "id" and anchor.shape:
        out = [v for v in out if shape_fits(anchor.shape, shape(v.text))]
    return out


def _text_value(rows: list[Row], v: Value, lines: int) -> str:
    parts, i = [v.text.strip()], v.row
    tol = 3 * rows[v.row].char_width()
    while len(parts) < lines and i + 1 < len(rows):
        i += 1
        nxt = next((c for c in find_values([rows[i]], "text") if abs(c.box[0] - v.box[0]) <= tol), None)
        if nxt is None:
            break
        parts.append(nxt.text.strip())
    return ", ".join(parts)


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
    order = sorted(template.fields, key=lambda k: k not in ("statement_date", "due_date"))
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
        hit = _beside_label(anchor, rows, cands, w, h) if anchor.label and anchor.relation != "none" else None
        how, conf = "", CONF_LABEL
        v: Value | None = None
        if hit is not None:
            v, lb = hit
            how = f"{'right of' if anchor.relation == 'right' else 'below'} '{anchor.label}'"
            rx = _label_rx(anchor.label)
            if len(anchor.label) >= 6 and sum(len(rx.findall(r.text)) for r in rows) == 1:
                out.unique.add(name)
            if abs(lb[1] - anchor.label_box[1]) <= h * Y_TOL and abs(lb[0] - anchor.label_box[0]) <= w * X_TOL:
                conf = CONF_IN_PLACE
        elif anchor.fmt in POSITION_FORMATS:
            v = _at_box(anchor, cands, w, h)
            how, conf = "at the box where it was printed", CONF_POSITION
        elif anchor.label and not any(_label_rx(anchor.label).search(r.text) for r in rows):
            out.unlabelled.append(name)
            continue
        if v is None:
            out.missing.append(name)
            continue
        value: Any = v.value
        if anchor.fmt == "text":
            value = _text_value(rows, v, anchor.lines)
        elif anchor.fmt in ("money", "number") and name == "payments" and isinstance(value, Decimal):
            value = abs(value)
        elif anchor.fmt == "id":
            value = re.sub(r"\s+", " ", str(value)).strip()
        span = Span(page=n, start=v.start, end=v.end, text=v.text[:500], layout=True)
        if "box" in Span.model_fields:  # the geometry seam: the box a reviewer sees marked on the page
            span = span.model_copy(update={"box": v.box})
        out.values[name] = (value, FieldEvidence(value=str(value), confidence=conf, source="template", span=span,
                                                 note=f"template {template.id}: {how}"[:200]))
    return out


def _apply(generic: ExtractionResult, values: dict[str, tuple[Any, FieldEvidence]]) -> ExtractionResult:
    bill = generic.bill.model_copy(update={k: v for k, (v, _) in values.items()})
    evidence = dict(generic.evidence)
    for k, (_, ev) in values.items():
        evidence[k] = ev
    return generic.model_copy(update={"bill": bill, "evidence": evidence})


ARITHMETIC = ("balance", "line_items_sum", "meter_reads", "usage_matches_meters")
UNCHECKED_TEXT = ("customer_name", "service_address", "rate_plan", "provider", "currency", "gas_usage_unit",
                  "water_usage_unit", "provider_id")


def _conflicts(generic: ExtractionResult, values: dict[str, tuple[Any, FieldEvidence]], agree: list[str],
               rejected: list[str], result: ExtractionResult,
               read: dict[str, tuple[Any, FieldEvidence]], anchors: dict[str, Anchor],
               confident: set[str], unique: set[str]) -> list[tuple[str, str, str]]:
    """Key fields where the template and a confident generic reading found different values, and no
    arithmetic check that passed backs the value kept: a person decides (a template learned from one bill
    may have anchored a value that coincided with another field on it)."""
    backed = {f for c in result.checks if c.passed is True and c.rule in ARITHMETIC for f in c.fields}
    out = []
    for k in [*values, *rejected]:
        if k in agree or k in UNCHECKED_TEXT or getattr(generic.bill, k) is None:
            continue
        if k in values and k not in confident:
            continue  # the generic value would have sent the bill to review on its own: nothing to weigh
        if k in values and (k in backed or _proven(k, values[k][1], anchors, unique)):
            continue
        if k in rejected and (k in backed or read[k][1].confidence < CONF_LABEL):
            continue  # the check that took the template's value back holds with the generic one
        out.append((k, f"template {read[k][0]}", f"generic {getattr(generic.bill, k)}"))
    return out


def _proven(name: str, ev: FieldEvidence, anchors: dict[str, Anchor], unique: set[str]) -> bool:
    """An anchor that already read the approved value on a later bill, found again beside a label of at least
    six characters printed once on its page (not "Total", printed on every line of a table)."""
    a = anchors.get(name)
    return a is not None and a.confirmed >= 1 and ev.confidence >= CONF_LABEL and name in unique


def _therms_mismatch(generic: ExtractionResult, values: dict[str, tuple[Any, FieldEvidence]]) -> str | None:
    """The template field to take back when gas_therms and gas_usage (in therms) would differ."""
    def get(k: str) -> Any:
        return values[k][0] if k in values else getattr(generic.bill, k)

    if get("gas_usage_unit") != "therms" or get("gas_therms") is None or get("gas_usage") is None:
        return None
    if same_value("number", get("gas_therms"), get("gas_usage")):
        return None
    return next((k for k in ("gas_therms", "gas_usage") if k in values and values[k][1].confidence < 0.99), None) \
        or next((k for k in ("gas_therms", "gas_usage") if k in values), None)


def merge(generic: ExtractionResult, reading: Reading, doc: Document, settings: Settings) -> Merged:
    from minimeter.templates.learn import fmt_of
    from minimeter.validate import finalize

    values = dict(reading.values)
    agree = [k for k, (v, _) in values.items() if same_value(fmt_of(k), getattr(generic.bill, k), v)]
    confident = {k for k in generic.bill.scalar_fields() if getattr(generic.bill, k) is not None
                 and (ev0 := generic.evidence.get(k)) is not None and ev0.confidence >= settings.review_confidence}
    for k in [k for k, (_, ev) in values.items() if ev.confidence < CONF_LABEL and k not in agree
              and getattr(generic.bill, k) is not None]:
        values.pop(k)  # found only at its old box (another date may sit there now): it fills gaps, never replaces
    for k in agree:  # the generic reading found the same value: both readings back it
        v, ev = values[k]
        old = generic.evidence.get(k)
        values[k] = (v, ev.model_copy(update={"confidence": max(ev.confidence, old.confidence if old else 0.0),
                                              "note": f"{ev.note}; the generic reading agrees"[:200]}))
    dropped = [k for k in reading.template.unread if k not in values and getattr(generic.bill, k) is not None]
    if dropped:  # a reviewer corrected the generic reading of these on this layout: leave them out, not wrong
        kept = {k: v for k, v in generic.evidence.items() if k not in dropped}
        generic = generic.model_copy(update={"bill": generic.bill.model_copy(update={k: None for k in dropped}),
                                             "evidence": kept})
    rejected: list[str] = []
    therms = _therms_mismatch(generic, values)
    consistent: set[str] = set()
    if therms:  # gas in therms is one quantity read twice: two different readings cannot both be right
        values.pop(therms)
        rejected.append(therms)
        if _therms_mismatch(generic, values) is None:
            consistent.add(therms)  # what is kept agrees with the other reading of the same quantity
    result = finalize(_apply(generic, values), doc, settings)
    for _ in range(3):
        failed = {f for c in result.checks if c.passed is False for f in c.fields}
        back = [k for k in values if k in failed and k not in agree]
        if not back:
            break
        for k in back:
            values.pop(k)
            rejected.append(k)
        result = finalize(_apply(generic, values), doc, settings)
    anchored = [k for k, a in reading.template.fields.items() if a.fmt != "const"]
    bad = len(reading.missing) + len(rejected)
    if anchored and bad > SET_ASIDE_SHARE * len(anchored):
        why = []
        if reading.missing:
            why.append(f"{len(reading.missing)} not where it expects them ({', '.join(reading.missing[:4])})")
        if rejected:
            why.append(f"{len(rejected)} contradicted by the bill's checks ({', '.join(rejected[:4])})")
        note = (f"template {reading.template.id} set aside ({reading.likeness.describe()}): of its {len(anchored)} "
                f"fields {' and '.join(why)}; the layout may have changed, read with the generic extractor")
        return Merged(generic, rejected=rejected, missing=list(reading.missing), set_aside=True, note=note)
    conflicts = _conflicts(generic, values, agree, [k for k in rejected if k not in consistent], result,
                           reading.values, reading.template.fields, confident, reading.unique)
    if conflicts:
        lines = [f"Template {reading.template.id} and the generic reading disagree [template]: "
                 + "; ".join(f"{k} {a} vs {b}" for k, a, b in conflicts)]
        result = result.model_copy(update={"issues": [*result.issues, *lines], "status": "NEEDS_REVIEW"})
    used = sorted(values)
    note = f"template {reading.template.id} read {len(used)} field(s) ({reading.likeness.describe()})"
    if conflicts:
        note += f"; disagrees with the generic reading on {', '.join(k for k, _, _ in conflicts)} (sent to review)"
    if rejected:
        note += f"; kept the generic value of {', '.join(rejected)} (the template's failed a check)"
    if reading.missing:
        note += f"; not found: {', '.join(reading.missing)}"
    if reading.unlabelled:
        note += f"; labels not printed as learned: {', '.join(reading.unlabelled)}"
    if dropped:
        note += f"; left out {', '.join(dropped)} (corrected by a reviewer on this layout, not readable here)"
    return Merged(result, used=used, rejected=rejected, missing=list(reading.missing), note=note)
