"""The templates of one data folder: ``<home>/templates/<id>.toml``, one file per layout.

``Book(folder)`` loads every file (each validated; a broken file is reported by ``problems()`` and
skipped, never half-used), finds the template a document matches (``match``), and keeps the files
up to date: ``record_read`` after a bill was read with a template (bills read; set aside on a bill
whose fields failed, retired after ``MAX_FAILURES`` such bills in a row) and ``learn_approved`` when a
person approves a bill (a new template for a new layout; for a layout already known, the counts of
confirmed and corrected fields and a fresh anchor for every corrected or newly given field).

Files are the store of record: plain text a team can read, diff, export and import. A write is
atomic (temporary file renamed into place).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from minimeter.templates import fingerprint
from minimeter.templates.model import MAX_FAILURES, Anchor, Template, TemplateError, load, now, save

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized, ExtractionResult
    from minimeter.templates.fingerprint import Likeness

log = logging.getLogger(__name__)
PREFILTER = 0.15
"""Share of a template's fixed words that must occur anywhere in a document before positions are compared."""


@dataclass
class Match:
    template: Template | None
    likeness: Likeness | None
    why: str
    """One line: which template matched and how well, or why none did."""


class Book:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._problems: list[str] = []

    def path(self, template_id: str) -> Path:
        return self.folder / f"{template_id}.toml"

    def all(self) -> list[Template]:
        self._problems = []
        out: list[Template] = []
        if not self.folder.is_dir():
            return out
        for p in sorted(self.folder.glob("*.toml")):
            try:
                out.append(load(p))
            except TemplateError as exc:
                self._problems.append(exc.one_line())
                log.warning("template skipped: %s", exc.one_line())
        return out

    def problems(self) -> list[str]:
        return list(self._problems)

    def get(self, template_id: str) -> Template | None:
        p = self.path(template_id)
        if p.is_file():
            return load(p)
        found = [t for t in self.all() if t.id.startswith(template_id)]
        return found[0] if len(found) == 1 else None

    def save(self, t: Template) -> Path:
        p = self.path(t.id)
        save(t.model_copy(update={"updated_at": now()}), p)
        return p

    def remove(self, template_id: str) -> bool:
        t = self.get(template_id)
        if t is None:
            return False
        self.path(t.id).unlink(missing_ok=True)
        return True

    def match(self, doc: Document, provider_id: str | None = None) -> Match:
        """The active template ``doc``'s layout matches best, or None with the reason."""
        templates = [t for t in self.all() if t.active]
        if not templates:
            return Match(None, None, "no templates")
        text = doc.layout_text.lower()
        best: tuple[Template, Likeness] | None = None
        nearest: tuple[Template, Likeness] | None = None
        for t in templates:
            if t.provider_id and provider_id and t.provider_id != provider_id:
                continue
            words = {w.split("|", 3)[3] for w in t.fingerprint.words}
            if words and sum(1 for w in words if w in text) / len(words) < PREFILTER:
                continue
            like = fingerprint.similarity(t.fingerprint, doc)
            if nearest is None or like.score > nearest[1].score:
                nearest = (t, like)
            if like.matches and (best is None or like.words + like.boxes > best[1].words + best[1].boxes):
                best = (t, like)
        if best is not None:
            return Match(best[0], best[1], f"layout matches template {best[0].id} ({best[1].describe()})")
        if nearest is not None:
            return Match(None, nearest[1], f"no template matches this layout: the nearest, {nearest[0].id} "
                                           f"({nearest[0].provider or 'unknown provider'}), has "
                                           f"{nearest[1].describe()}, below what a match needs")
        return Match(None, None, "no template of this provider")

    def record_read(self, t: Template, *, set_aside: bool, note: str) -> Template:
        """Count one bill read with ``t`` (or on which it was set aside) and write the file."""
        t = self.get(t.id) or t  # another worker may have counted meanwhile
        update: dict[str, object] = {"bills_read": t.bills_read + (not set_aside)}
        if set_aside:
            failures = t.failures + 1
            update["failures"] = failures
            if failures >= MAX_FAILURES:
                update["active"] = False
                update["note"] = f"retired after {failures} bills in a row it could not read: {note}"[:300]
        else:
            update["failures"] = 0
        t = t.model_copy(update=update)
        self.save(t)
        return t

    def learn_approved(self, doc: Document, bill: BillNormalized, result: ExtractionResult | None, *,
                       job_id: int | None, file_name: str, sha256: str, human: set[str]) -> tuple[Template | None, str]:
        """Store what an approved bill teaches; returns the template written (or None) and one line saying what."""
        from minimeter.templates.learn import (
            anchor_field,
            cycle_days,
            date_order,
            fmt_of,
            learn,
            printed_on,
            same_value,
            sum_anchor,
        )

        provider_id = bill.provider_id or (result.bill.provider_id if result else None)
        m = self.match(doc, provider_id)
        if m.template is None:
            t = learn(doc, bill, result, job_id=job_id, file_name=file_name, sha256=sha256, human=human)
            if t is None:
                return None, "no template learned: none of the approved values is printed on the bill"
            self.save(t)
            return t, f"learned template {t.id} ({len(t.fields)} fields) from job {job_id}"
        t = m.template
        fields = dict(t.fields)
        unread = set(t.unread)
        confirmed = corrected = 0
        for name in bill.scalar_fields():
            want = getattr(bill, name)
            ev = result.evidence.get(name) if result is not None else None
            from_template = ev is not None and ev.source == "template" and (ev.note or "").startswith(
                f"template {t.id}")
            machine = getattr(result.bill, name) if result is not None else None
            if from_template:
                if same_value(fmt_of(name), want, machine) or (want is None and machine is None):
                    confirmed += 1
                    if name in fields:
                        fields[name] = fields[name].model_copy(update={"confirmed": fields[name].confirmed + 1})
                    continue
                corrected += 1
            if want is None and name in human and machine is not None and fmt_of(name) != "text":
                unread.add(name)  # the reviewer emptied what the generic reading invented here
            if want is None or (name in fields and not from_template and name not in human):
                continue
            if fmt_of(name) == "const":
                fields[name] = Anchor(fmt="const", value=str(want), printed=printed_on(doc, str(want)))
                continue
            anchor = anchor_field(doc, name, want, ref=bill.statement_date or bill.due_date, order=date_order(bill))
            if anchor is None and fmt_of(name) in ("money", "number"):
                anchor = sum_anchor(doc, name, want, date_order(bill))
            if anchor is None and name in human and machine is not None and fmt_of(name) != "text":
                unread.add(name)
            if anchor is not None:
                unread.discard(name)
                inv = {v: k for k, v in (m.likeness.pages.items() if m.likeness else [])}
                fields[name] = anchor.model_copy(update={"page": inv.get(anchor.page, anchor.page)})
            elif name in fields and from_template:
                fields.pop(name)  # the reviewer's value is not printed where the template reads: stop reading it
        t = t.model_copy(update={"fields": fields, "unread": sorted(unread), "failures": 0, "active": True,
                                 "cycle_days": cycle_days(bill) or t.cycle_days,
                                 "fields_confirmed": t.fields_confirmed + confirmed,
                                 "fields_corrected": t.fields_corrected + corrected})
        self.save(t)
        return t, f"template {t.id} updated from job {job_id}: {confirmed} field(s) confirmed, {corrected} corrected"

