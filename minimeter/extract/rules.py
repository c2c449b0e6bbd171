"""The deterministic extractor: profile detection, grounded candidates, arithmetic selection, reconcile.

``extract_rules(doc, profile) -> RulesOutcome`` is what both the ``rules`` and ``local`` extractors run
first. The outcome holds the chosen values with their evidence, plus what a model could be asked
about: fields left missing and fields whose top candidates were close (``ambiguous``).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from minimeter.extract import lineitems
from minimeter.extract.addressee import looks_like_name, mailing_block
from minimeter.extract.candidates import IDS, MONEY, TEXTS, Candidate, Finder
from minimeter.extract.profiles import Profile, detect
from minimeter.extract.select import Choice, choose_money, pick
from minimeter.extract.usage import choose_usage
from minimeter.schema import BillNormalized, FieldEvidence, Meter, Span

if TYPE_CHECKING:
    from minimeter.readers.base import Document

CURRENCY_SIGNS = [("R$", "BRL"), ("CHF", "CHF"), ("€", "EUR"), ("EUR", "EUR"), ("£", "GBP"), ("₹", "INR"),
                  ("Rs.", "INR"), ("CA$", "CAD"), ("$", "USD")]


@dataclass
class RulesOutcome:
    bill: BillNormalized
    evidence: dict[str, FieldEvidence]
    choices: dict[str, Choice]
    candidates: dict[str, list[Candidate]]
    profile: Profile | None
    finder: Finder
    ambiguous: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _span(c: Candidate | None) -> Span | None:
    if c is None:
        return None
    return Span(page=c.page, start=c.start, end=c.end, text=c.raw[:500], layout=c.layout)


def _dates(finder: Finder, fname: str) -> list[Candidate]:
    return finder.labelled(fname, "date", "date")


def choose_dates(finder: Finder, total: Decimal | None) -> dict[str, Choice]:
    out: dict[str, Choice] = {}
    st = pick(_dates(finder, "statement_date"))
    if st:
        out["statement_date"] = st
        finder.ref = st.value
    else:  # anchor yearless dates on the latest full date printed
        alld = [c.value for v in finder.views for c in _all_dates(finder, v)]
        finder.ref = max(alld) if alld else None
    ranges = finder.ranges() + finder.short_ranges()
    if ranges:
        agg: dict[tuple[dt.date, dt.date], list[tuple[Candidate, Candidate]]] = {}
        for a, b in ranges:
            if "statement_date" in out and b.value > out["statement_date"].value + dt.timedelta(days=3):
                a.score *= 0.5
            agg.setdefault((a.value, b.value), []).append((a, b))
        scored = sorted(((max(x[0].score for x in v) + 0.08 * min(len(v) - 1, 4), k, v) for k, v in agg.items()),
                        key=lambda t: -t[0])
        s1, (_ds, _de), v = scored[0]
        s2 = scored[1][0] if len(scored) > 1 else 0.0
        if s1 >= 0.45:
            a, b = max(v, key=lambda x: x[0].score)
            conf = round(min(0.99, 0.45 + 0.35 * min(s1, 1.0) + 0.2 * max(0.0, (s1 - s2) / s1)), 3)
            if "statement_date" not in out and any(x.why == "range" and x.raw.count("/") < 2 and not
                                                   re.search(r"\d{4}", x.raw) for x in (a, b)):
                conf = min(conf, 0.75)  # a yearless period with nothing to anchor its year
            out["billing_period_start"] = Choice(a.value, a, conf, "date range")
            out["billing_period_end"] = Choice(b.value, b, conf, "date range")
    for fname in ("billing_period_start", "billing_period_end"):
        if fname not in out:
            cands = [c for c in _dates(finder, fname) if c.label not in ("from", "to", "period")]
            ch = pick(cands, minimum=0.5)
            if ch:
                out[fname] = ch
    due = _dates(finder, "due_date")
    if total is not None:
        due += stub_due_dates(finder, total)
    if "statement_date" in out:
        for c in due:
            if c.value < out["statement_date"].value:
                c.score *= 0.3
    ch = pick(due)
    if ch:
        out["due_date"] = ch
    return out


def _all_dates(finder: Finder, view: Any) -> list[Candidate]:
    from minimeter.extract import parse

    return [Candidate("date", m.value, m.text, view.page, m.start, m.end, view.layout, 0.0)
            for m in parse.find_dates(view.text, finder.order) if m.extra is None]


def stub_due_dates(finder: Finder, total: Decimal) -> list[Candidate]:
    """A payment stub prints the due date and the amount due side by side ("Aug 15, 2024  $ 19.25")."""
    from minimeter.extract import parse

    out = []
    for view in finder.views:
        for m in parse.find_dates(view.text, finder.order, finder.ref):
            ls, le = view.line(view.line_no(m.start))
            rest = view.text[m.end:le]
            money = parse.find_money(rest, finder.fmt)
            if money and money[0].value == total and money[0].start < 30:
                out.append(Candidate("due_date", m.value, m.text, view.page, m.start, m.end, view.layout, 0.45,
                                     None, None, "date beside the amount due"))
    return out


def _clean_text(fname: str, v: str) -> str | None:
    v = re.sub(r"\s+", " ", v).strip(" :,-#")
    if fname == "rate_plan":
        v = re.split(r"(?i)\s(?:bill type|meter|service id|account)\b", v)[0]
    code = fname == "rate_plan" and bool(re.fullmatch(r"[A-Z][A-Z0-9]", v))  # "Tariff: RS"
    if (len(v) < 3 and not code) or not re.search(r"[A-Za-z]", v):
        return None
    return v[:120]


def extract_rules(doc: Document, profile: Profile | None = None, *, detect_profile: bool = True) -> RulesOutcome:
    t0 = time.perf_counter()
    if profile is None and detect_profile:
        profile = detect(doc.text)
    t1 = time.perf_counter()
    finder = Finder(doc, profile)
    cands: dict[str, list[Candidate]] = {}
    for f in MONEY:
        cands[f] = finder.labelled(f, "money", "money")
    charges = lineitems.find(finder, doc)
    lineitems.support(charges, cands["current_charges"])
    choices: dict[str, Choice] = choose_money(cands)
    total = choices["total_amount_due"].value if "total_amount_due" in choices else None
    choices.update(choose_dates(finder, total))
    usage, meters = choose_usage(finder, profile)
    choices.update(usage)
    for f in IDS:
        cands[f] = finder.labelled(f, "id", "identifier")
        if profile and profile.identifiers.get(f):
            rx = re.compile(profile.identifiers[f])
            for c in cands[f]:
                if rx.fullmatch(str(c.value)):
                    c.score *= 1.4
        ch = pick(cands[f], minimum=0.3)
        if ch:
            choices[f] = ch
    for f in TEXTS:
        cands[f] = finder.labelled(f, "text", None)
        for c in cands[f]:
            c.value = _clean_text(f, c.value) or ""
            if f == "customer_name" and c.value:
                # A weak label ("Name") is trusted when what follows reads like a person's or business's name.
                c.score *= 1.5 if looks_like_name(c.value, profile) else 0.5
        ch = pick([c for c in cands[f] if c.value], minimum=0.5)
        if ch:
            choices[f] = ch
    block = mailing_block(finder, profile)
    if "customer_name" not in choices:
        who = Choice(block.name.value, block.name, 0.6, "the addressee block") if block else addressee(finder, profile)
        if who:
            choices["customer_name"] = who
    if "service_address" not in choices and block and block.address:
        # Most bills are mailed to the premises; with no labelled service address the addressee's is the best guess.
        choices["service_address"] = Choice(block.address.value, block.address, 0.5, "the mailing address")
    bill, evidence = reconcile(choices, profile, doc, meters)
    items, items_evidence = lineitems.attach(charges, bill.current_charges, bill.total_amount_due)
    if items_evidence is not None:
        bill, evidence["line_items"] = bill.model_copy(update={"line_items": items}), items_evidence
    ambiguous = [f for f, ch in choices.items() if "__" not in f and ch.confidence < 0.8]
    t2 = time.perf_counter()
    return RulesOutcome(bill, evidence, choices, cands, profile, finder, ambiguous,
                        {"detect": t1 - t0, "rules": t2 - t1})


_ORG = re.compile(r"(?i)\b(?:energy|electric\w*|power|gas|water|utilit\w+|city of|town of|village of|county|"
                  r"stadtwerke|énergie|energie|électricité|inc\b|llc\b|ltd\b|gmbh|\bsa\b|\bag\b|company|"
                  r"cooperative|co-op|authority|district|services industriels|hydro)")


def provider_guess(doc: Document) -> str | None:
    """An unknown utility's name: the first of the top lines that reads like an organisation."""
    lines = [ln.strip() for ln in (doc.pages[0].text if doc.pages else "").splitlines() if ln.strip()][:8]
    for ln in lines:
        if _ORG.search(ln) and len(ln) <= 80 and not re.search(r"\d{3}", ln) and "@" not in ln:
            return re.split(r"\s{2,}| - | · ", ln)[0][:120]
    return None


_MAIL_LINE = re.compile(r"(?i)^\s*(?:p\.?\s?o\.?\s*box\b|\d{1,6}\s+[a-z]|[a-zß'. -]+\s\d{1,5}(?:,|\s*$))")


_NOT_NAME = re.compile(r"(?i)\b(?:charge|charges|total|tax|fee|credit|balance|payment|usage|history|amount|meter|"
                       r"reading|service|period|summary|bill|statement|account|energy|electric|gas|water)\b")


def addressee(finder: Finder, profile: Profile | None) -> Choice | None:
    """The customer's name on the mailing block: the line above the first postal line that is not the
    utility's own address. Labels and values glued onto that line ("Facture du 29/06/2024") are cut."""
    from minimeter.extract import parse
    from minimeter.extract.vocab import LABELS

    view = next((v for v in finder.views if not v.layout), None)
    if view is None:
        return None
    names = [n.lower() for n in ((profile.name, *profile.aliases) if profile else ())]
    for n in range(1, min(view.n_lines, 90)):
        s, e = view.line(n)
        line = view.text[s:e]
        if not _MAIL_LINE.match(line) or (parse.find_dates(line, finder.order, finder.ref or dt.date.today())
                                          and not re.match(r"(?i)\s*p\.?\s?o", line)):
            continue  # "Sep 23" in a usage-history column is not a street
        ps, pe = view.line(n - 1)
        prev = view.text[ps:pe]
        low = prev.lower()
        if not prev.strip() or any(x in low for x in names) or "www" in low or "@" in low:
            continue
        cut = prev
        for m in parse.find_dates(prev, finder.order):
            cut = cut.replace(m.text, "  ")
        for phrases in LABELS.values():
            for p, _w in phrases:
                if len(p) > 4 and p in cut.lower():
                    i = cut.lower().index(p)
                    cut = cut[:i] + "  " + cut[i + len(p):]
        chunks = [c.strip(" :#") for c in re.split(r"\s{2,}|:", cut)]
        chunks = [c for c in chunks if 2 <= len(c.split()) <= 5 and not re.search(r"[\d()$€£%]", c) and c[:1].isupper()
                  and not _NOT_NAME.search(c)]
        if not chunks or _ORG.search(chunks[0]) and not re.search(r"(?i)\b(?:llc|inc|ltd|gmbh|sa|ag)\b", chunks[0]):
            continue
        name = chunks[0]
        if name == view.text.strip().splitlines()[0].strip():
            continue  # the page's first line is the letterhead, not the addressee
        start = prev.find(name)
        cand = Candidate("customer_name", name, name, view.page, ps + start, ps + start + len(name), False, 0.6,
                         None, None, "addressee")
        return Choice(name, cand, 0.6, "the line above the mailing address")
    return None


def currency_of(text: str, profile: Profile | None) -> str | None:
    """The currency the bill prints beside its figures wins over a profile's default (a profile may have
    been matched on a passing mention); a sign shared by several currencies ("$", "Rs") keeps the
    profile's. With nothing printed: the profile's, else the identified utility's country currency."""
    from minimeter.extract import parse
    from minimeter.extract.profiles import identify

    counts = parse.currencies_in(text)
    if counts:
        printed = max(counts, key=lambda c: counts[c])
        if profile and (parse.same_sign(printed, profile.currency) or counts.get(profile.currency)):
            return profile.currency
        if not profile or counts[printed] >= 2:
            return printed
    if profile:
        return profile.currency
    for sign, code in CURRENCY_SIGNS:
        if sign in text:
            return code
    known = identify(text)
    return known.currency if known else None


def reconcile(choices: dict[str, Choice], profile: Profile | None, doc: Document,
              meters: list[Meter]) -> tuple[BillNormalized, dict[str, FieldEvidence]]:
    """Merge the chosen values into one validated ``BillNormalized`` plus per-field evidence."""
    data: dict[str, Any] = {}
    ev: dict[str, FieldEvidence] = {}
    for fname, ch in choices.items():
        if "__" in fname or ch.value in (None, ""):
            continue
        data[fname] = ch.value
        ev[fname] = FieldEvidence(value=str(ch.value), confidence=ch.confidence, source="rules",
                                  span=_span(ch.cand), grounded=True, note=ch.note[:200] or None)
    for q, unit_field in (("gas_usage", "gas_usage_unit"), ("water_usage", "water_usage_unit")):
        u = choices.get(q + "__unit")
        if q in data and u and u.value:
            data[unit_field] = u.value
            ev[unit_field] = FieldEvidence(value=u.value, confidence=u.confidence, source="rules")
    if "gas_usage" in data and data.get("gas_usage_unit") == "therms":
        data["gas_therms"] = data["gas_usage"]
        ev["gas_therms"] = ev["gas_usage"].model_copy()
    if not profile:
        name = provider_guess(doc)
        if name:
            data["provider"] = name
            ev["provider"] = FieldEvidence(value=name, confidence=0.6, source="rules", note="first lines")
    if profile:
        data["provider"] = profile.name
        data["provider_id"] = profile.id
        for f in ("provider", "provider_id"):
            ev[f] = FieldEvidence(value=data[f], confidence=0.95, source="profile", note="detected profile")
    cur = currency_of(doc.text, profile)
    if cur:
        data["currency"] = cur
        ev["currency"] = FieldEvidence(value=cur, confidence=0.95 if profile else 0.85,
                                       source="profile" if profile else "rules")
    if meters:
        if "meter_number" in data:
            meters[0] = meters[0].model_copy(update={"number": data["meter_number"]})
        data["meters"] = meters
    bill = BillNormalized.model_validate(data)
    return bill, ev
