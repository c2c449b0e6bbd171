"""Time-of-use register rows: one quantity per period, printed side by side in a table row.

Bills on time-of-use tariffs print their energy per period ("P1 ... P6", "F1 F2 F3", "Peak /
Off-peak", "Punta / Llano / Valle", "HP / HC") and often no total: the billed kWh is the sum of
the row, the demand the largest of the registered (not the contracted) powers. A row of monthly
figures under month headers is a usage history, not registers, and is left alone.

``register_rows(view, fname, fmt)`` returns (value, start, end, unit) tuples as the finder's
``values`` does: the span covers the row's figures, so ``view.text[start:end]`` is what was read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from minimeter.extract import parse
from minimeter.extract.vocab import strip_accents

if TYPE_CHECKING:
    from minimeter.extract.candidates import View

_CELL = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)\s?(kWh|KWh|kwh|KWH|kW|KW|kw|W)"
                   r"(?![\w/])")
# Column headings that name periods of a time-of-use tariff.
_PERIODS = re.compile(r"(?i)(?<![a-z])(?:p\s?[1-6]|f\s?[1-3]|per[ií]od[eo]?\s?[1-6]|period\s?[1-6]|peak|off[- ]?peak|"
                      r"shoulder|on[- ]?peak|mid[- ]?peak|punta|llano|valle|pico|fora ponta|ponta|hp|hc|heures? "
                      r"(?:pleines|creuses)|ht|nt|hochtarif|niedertarif|intermediate|"
                      r"t\s?[1-3]|g[uü]nd[uü]z|puant|gece)(?![a-z])")  # (Turkish T1 daytime, T2 peak, T3 night)
# Month names as the lexicon knows them (accents dropped), or a year: the headings of a usage history.
_MONTHS = re.compile(r"(?<![a-z])(?:" + "|".join(sorted({re.escape(strip_accents(m)) for m in parse.MONTHS},
                                                       key=len, reverse=True))
                     + r")(?![a-z])[.\-' ]*(?:\d{2,4})?|(?<!\d)(?:19|20)\d\d(?!\d)")
_ENERGY_WORDS = re.compile(r"(?i)energ|enerj|consum|usage|kwh|activ|aktif|verbrauch|arbeit|electric|eletric|import|"
                           r"t[uü]ketim")
_DEMAND_WORDS = re.compile(r"(?i)regist|m[aá]x|maks|demand|demant|measured|leida|llegida|medid|rilevat|gemessen|"
                           r"puissance atteinte")
_CONTRACTED = re.compile(r"(?i)contrat|contract|impegnat|souscrit|subscri|disponib|vertrag|install|connected|"
                         r"s[oö]zle[sş]me|kurulu|ba[gğ]lant")
_NOT_ACTIVE = re.compile(r"(?i)reactiv|r[ée]activ|reaktif|blind|kvar|capacit|kapasitif|induct|end[uü]ktif")
_HISTORY = re.compile(r"(?i)hist|storico|anterior|previous|last year|average|media|mitjana|moyenne|durchschnitt")


def _heading(view: View, n: int) -> str:
    """The nearest non-empty lines above row ``n`` (up to three): where period or month headings sit."""
    out: list[str] = []
    k = n - 1
    while k >= 0 and len(out) < 3:
        s, e = view.line(k)
        if view.text[s:e].strip():
            out.append(view.text[s:e])
        k -= 1
    return "\n".join(out)


def register_rows(view: View, fname: str, fmt: str | None) -> list[tuple[Decimal, int, int, str]]:
    """Sums of kWh register rows (``electricity_kwh``) or the largest registered power (``demand_kw``)."""
    if fname not in ("electricity_kwh", "demand_kw"):
        return []
    out: list[tuple[Decimal, int, int, str]] = []
    for n in range(view.n_lines):
        s, e = view.line(n)
        line = view.text[s:e]
        cells = list(_CELL.finditer(line))
        if len(cells) < 2 or len(cells) > 6:
            continue
        label = line[:cells[0].start()]
        if len(re.findall(r"[^\W\d_]", label)) < 3 or _NOT_ACTIVE.search(label) or _HISTORY.search(label):
            continue
        if any(not re.fullmatch(r"\s{2,}", line[a.end():b.start()]) for a, b in zip(cells, cells[1:], strict=False)):
            continue  # figures in one sentence, not cells of a row
        units = {c.group(2).lower() for c in cells}
        head = _heading(view, n)
        if _MONTHS.search(strip_accents(head)) and not _PERIODS.search(head):
            continue  # a usage history under month headings
        if not (_PERIODS.search(head) or _PERIODS.search(label)):
            continue
        values = [parse.parse_number(c.group(1), fmt) for c in cells]
        if any(v is None for v in values):
            continue
        nums = [v for v in values if v is not None]
        start, end = s + cells[0].start(), s + cells[-1].end()
        if fname == "electricity_kwh" and units == {"kwh"} and _ENERGY_WORDS.search(label):
            total = sum(nums, Decimal(0))
            if total > 0:
                out.append((total, start, end, "kWh"))
        elif fname == "demand_kw" and units <= {"kw", "w"} and len(units) == 1 and _DEMAND_WORDS.search(label) \
                and not _CONTRACTED.search(label):
            peak = max(nums) / (1000 if units == {"w"} else 1)
            if peak > 0:
                out.append((peak.normalize() if units == {"w"} else peak, start, end, "kW"))
    return out


_BILLED_ON = re.compile(r"(?i)(?<![\w.,])(\d{1,3}(?:[,.' ]\d{3})+|\d+(?:[.,]\d+)?)\s?kwh\s*(?:x|×|@|at)\s*")
# US and Indian figures never group thousands with a space: "Tier 2 984 kWh @" is tier 2's 984 kWh, not 2,984.
_BILLED_ON_NOSPACE = re.compile(_BILLED_ON.pattern.replace("[,.' ]", "[,.']"))


def billed_total(view: View, fmt: str | None) -> tuple[Decimal, int, int] | None:
    """The kWh a charge line is billed on that equals the sum of the other lines' kWh ("Generation On-Peak
    4,000 kWh x ..., Mid-Peak 18,400 kWh x ..., Off-Peak 32,480 kWh x ..., Distribution Energy 54,880 kWh x
    ..."): the bill's total energy, when it is printed only as a quantity charges are billed on.
    Returns (value, start, end) of that printed figure, or None."""
    found: list[tuple[Decimal, int, int]] = []
    for m in (_BILLED_ON_NOSPACE if fmt in ("us", "in") else _BILLED_ON).finditer(view.text):
        v = parse.parse_number(m.group(1), fmt)
        if v is not None and v > 0:
            found.append((v, m.start(1), m.end(1)))
    values = [v for v, _s, _e in found]
    for v, s, e in sorted(found, key=lambda t: -t[0]):
        parts = [x for x in values if x != v]
        # The parts are the other lines, each once; at least two of them, adding up to this line exactly.
        if len(parts) >= 2 and sum(sorted(set(parts)), Decimal(0)) == v:
            return v, s, e
    return None
