"""The addressee block: the customer's name and postal address as printed for the envelope window.

``mailing_block(finder, profile) -> MailingBlock | None`` looks on the first page for a name line
with a street line under it (same column in layout text) and a town / postcode line after that:

    Chen Nakamura                      Sofia Whitfield           Ibrahim Patel
    4385 LAKEVIEW BLVD                 Chemin des Vignes 115     274 Hillcrest Ln
    RICHMOND VA 23263                  1170 Morges               Leeds
                                                                 LS3 9PY

The utility's own letterhead (its name, an organisation word, a web address) is not an addressee.
Most bills are mailed to the premises, so when no labelled service address exists the block's
address stands in for it (at a lower confidence), unless it is a post-office box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minimeter.extract import parse
from minimeter.extract.candidates import Candidate, View
from minimeter.extract.provider import ORG as LETTERHEAD_ORG
from minimeter.extract.select import Choice
from minimeter.extract.values import ANY_YEAR
from minimeter.extract.vocab import LABELS, any_label_rx, distractor_hits

if TYPE_CHECKING:
    from minimeter.extract.candidates import Finder
    from minimeter.extract.profiles import Profile

# (The Nordic post-office box: Swedish "Box 714", Norwegian and Danish "Postboks 1".)
PO_BOX = re.compile(r"(?i)(?<![a-z])(?:p\.?\s?o\.?\s*box|postboks|(?<![\w.] )(?<!\w)box)\s+\d+")
# "4385 LAKEVIEW BLVD", "274 Hillcrest Ln Apt 3", a numbered street ("8815 118 Ave NW", "301 3 St S") with its
# town after a comma / "Chemin des Vignes 115", "Goethestraße 104, 80912 München"
# / a house number printed after "No", its door or floor beside it, then a comma and the town ("Cumhuriyet Cad.
# No:45 D:3, 35220 Konak/İzmir": Turkish and Latin American streets; the comma keeps out "Invoice No: 4512").
# That street's words and its doors ("D:3") are alike, so each split between them is tried: the comma closing
# them within 80 characters bounds that to the street's own short run, not a long line's every word.
STREET = re.compile(r"(?i)^(?:\d{1,6}[a-z]?\s+(?=(?:\d{1,4}\s+)?\w*[a-zà-ÿ])\w[\w'.\- ]*(?:,.+)?"
                    r"|[a-zà-ÿ][\w'.\- ]{2,}\s\d{1,5}[a-z]?(?:,.+)?"
                    r"|(?=[^,\n]{1,80},)[^\W\d_][\w'.\-]*(?: [\w'.\-]+)+\sn(?:o|º|°)[:.]?\s?\d{1,4}[a-z]?"
                    r"(?:\s[^\W\d_]{1,6}[:.]?\s?\d{1,4}[a-z]?)*,.+)$")
# Digits (with a country prefix), a British or Irish code of letters and digits, a Canadian one ("T5B 0T7").
# A Swedish, Czech, Slovak or Greek code is five digits grouped three and two ("852 31 Sundsvall"): only with
# its town after it, so no figure grouped by a space ("403 43") reads as one.
POSTCODE = re.compile(r"(?<![\d.,])(?:CH-|D-|F-)?\d{4,5}(?![\d.,])|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"
                      r"|\b[A-Z]\d[A-Z] \d[A-Z]\d\b"
                      r"|(?<![\d.,])(?<![\d.,] )\d{3} \d{2}(?![\d.,])(?=[^\S\n]+[^\W\d_]{2,})")
# A utility's own letterhead; with a detected profile its name is known, and only these words still count
# (a customer may well be a "School District" or a "County").
UTILITY_WORDS = re.compile(r"(?i)\b(?:energy|electric\w*|power|gas|water|utilit\w+|stadtwerke|énergie|energie|"
                           r"électricité|hydro)\b")
ORG = re.compile(r"(?i)\b(?:energy|electric\w*|power|gas|water|utilit\w+|city of|town of|county|stadtwerke|"
                 r"énergie|energie|électricité|gmbh|\bsa\b|\bag\b|company|cooperative|authority|district|"
                 r"services industriels|hydro|"
                 # Nordic utilities: energy, power, an electricity company or works, the grid, water, supply,
                 # district heating ("Exempel Kraft AS", "Vattenfall AB", "Eksempel Forsyning A/S").
                 r"energi|kraft\w*|elbolag\w*|elverk\w*|elnät\w*|vatten\w*|vann|vand|forsyning\w*|"
                 r"fjärrvärme|fjernvarme)\b")
NOT_NAME = re.compile(r"(?i)\b(?:charges?|total|tax|fee|credit|balance|payment|usage|history|amount|meter|reading|"
                      r"service|period|summary|bill|statement|account|invoice|facture|rechnung\w*|page|date|"
                      r"nr|no|n°|num)\b|\.$")  # "Rechnungs-Nr.": a caption, not a name
# A street line's own house number ("4385 LAKEVIEW BLVD", "Chemin des Vignes 115"): never its postcode, so a
# caption with a number under a letterhead ("Certificate No. 10222") is no one-line postal address.
# (Five digits after a comma closing the line are its postcode, "... D:11, 01170", not a house number.)
HOUSE = re.compile(r"(?i)^\d{1,6}[a-z]?\s|(?<!,)\s\d{1,5}[a-z]?(?=,|$)|,\s?\d{1,4}[a-z]?(?=,|$)")
# A whole address on one line with no postcode, as countries without one print it: a house number (after a
# short word for the plot or the flat, "Plot 45") and a street, then at least two more places ("7 SAMPAGUITA
# ST., BRGY. SAN ISIDRO, QUEZON CITY").
ONE_LINE = re.compile(r"^(?:[A-Z][a-z]{1,4}\.?\s+)?\d{1,6}[a-zA-Z]?\s+[^\W\d_][\w'.\- ]*"
                      r"(?:,\s*[^\W\d_][\w'.\- ]*){2,}$")
# The same in the order of most of Europe and Latin America, the house number after the street ("CALLE BELGRANO
# 707, LA PLATA, BUENOS AIRES"), then at least two more places.
NUMBER_AFTER = re.compile(r"^[^\W\d_][\w'.\- ]*\s\d{1,5}[a-zA-Z]?(?:,\s*[^\W\d_][\w'.\- ]*){2,}$")
# Places parted by a spaced dash where others print a comma ("AV. ESPAÑA 741 - TRUJILLO - LA LIBERTAD").
PLACE_DASH = re.compile(r"\s+[-–—]\s+")
# The same with a street of two words or more and only its town ("5 Ahmadu Bello Way, Kaduna"): the whole
# address only when no postal line follows it ("12 Elm Road, Flat 2" over "Leeds LS3 9PY" is not).
ONE_TOWN = re.compile(r"^(?:[A-Z][a-z]{1,4}\.?\s+)?\d{1,6}[a-zA-Z]?\s+[^\W\d_][\w'.\-]*(?: [\w'.\-]+)+"
                      r",\s*[^\W\d_][\w'.\- ]*$")
# The same, opened by the premises inside a building rather than a house number: a word and its designator
# ("Flat B", "Room 702", "Piso 3") or a floor ("G/F", "12/F"), then at least two more places, one of them
# numbered ("Flat 1805, Tower 2, Harbour View Court, North Point"; "G/F, 28 Wing Lok Street, Sheung Wan"). The
# designator may be in parts, as South Asian holdings are numbered ("Flat B-4", "Holding 45/2").
PREMISES = re.compile(r"^(?:[A-Z][a-z]{2,} [A-Z\d]{1,5}(?:[-/][A-Z\d]{1,4})?|(?:\d{1,3}|[A-Z]{1,2})/F)"
                      r"(?:,\s*[^\W_][\w'./\- ]*){2,}$")
# A company's name ending in its abbreviated form ("PACIFIC COLD STORAGE INC.", a dotted one of single letters:
# "PANIFICIO ROSSI S.N.C.", "S.r.l.", a trading name's "ENT." for enterprises): the dot is not a caption's.
FORM_DOT = re.compile(r"(?i)\b(?:inc|corp|ltd|co|llc|ent|şti)\.$|(?<![\w.])(?:[a-z]\.){2,4}$")
# A business's legal form ("TALLER EL MOTOR SA", "BODEGA SANTA ROSA E.I.R.L.", "Müller GmbH"): it is an
# organisation word, but one every customer that is a company prints; only the words left beside it tell a
# utility's letterhead ("Gas del Litoral S.A.") from a customer.
LEGAL_FORM = re.compile(r"(?i)(?<![\w.])(?:s\.?a|s\.?r\.?l|s\.?a\.?s|s\.?a\.?c|s\.?a\.?a|e\.?i\.?r\.?l|ltda|gmbh|ag|"
                        r"b\.?v|n\.?v|s\.?p\.?a|pty|sarl|sprl)\.?(?![\w.])")
DATEISH = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
# "11439 x 9.95": a charge line's quantity times its rate, under a "Units x Rate" header; no street. (Figures
# standing on their own: a postcode of letters and digits, "V95 X2K4", holds an X between two digits too.)
TIMES = re.compile(r"(?i)(?<![a-z\d])\d+(?:[.,]\d+)?\s*[x×*]\s*\d+(?:[.,]\d+)?(?![a-z])")


@dataclass
class MailingBlock:
    name: Candidate
    address: Candidate | None
    """None when the block's street is a post-office box."""
    po_box: bool


def _cells(view: View, n: int) -> list[tuple[int, int, str]]:
    """(column, absolute start, text) of each cell of line ``n``; cells are split by 2+ spaces."""
    s, e = view.line(n)
    line = view.text[s:e]
    if not view.layout:
        t = line.strip()
        return [(line.index(t), s + line.index(t), t)] if t else []
    return [(m.start(), s + m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", line)]


def _below(view: View, n: int, col: int) -> tuple[int, int, str] | None:
    if n >= view.n_lines:
        return None
    return next((c for c in _cells(view, n) if abs(c[0] - col) <= 3), None)


def _postal(parts: list[str]) -> bool:
    """A postcode on the block's lines, the street's own number aside."""
    return POSTCODE.search(" ".join([HOUSE.sub(" ", parts[0], count=1), *parts[1:]])) is not None


def _is_name(text: str, utility_names: list[str]) -> bool:
    """A person's or business's name, not a label, a number, or the utility itself (``utility_names`` empty:
    the utility is unknown, and any organisation word marks its letterhead)."""
    low = text.lower()
    # A business's name closed by its company form runs longer ("Kaya Oto Servis San. Tic. Ltd. Şti.").
    longest = 7 if FORM_DOT.search(text) else 5
    text = FORM_DOT.sub(lambda m: m.group(0)[:-1], text)
    if not 1 <= len(text.split()) <= longest or not text[:1].isupper() \
            or re.search(r"[\d()$€£%@:#/]|www|\.\w{2,3}$", text):
        return False
    if any(n in low for n in utility_names) or any_label_rx().match(text) or NOT_NAME.search(text):
        return False
    org = (UTILITY_WORDS if utility_names else ORG).search(LEGAL_FORM.sub(" ", text))
    return not org or bool(re.search(r"(?i)\b(?:llc|inc|ltd|corp)\b", text))


def looks_like_name(text: str, profile: Profile | None) -> bool:
    return _is_name(text, [n.lower() for n in ((profile.name, *profile.aliases) if profile else ())])


def mailing_block(finder: Finder, profile: Profile | None) -> MailingBlock | None:
    first = min((v.page for v in finder.views), default=None)
    views = sorted((v for v in finder.views if v.page == first), key=lambda v: not v.layout)
    names = [n.lower() for n in ((profile.name, *profile.aliases) if profile else ())]
    for view in views[:1]:  # the layout text when there is one: it keeps the block's column together
        for n in range(1, min(view.n_lines, 60)):
            for col, start, text in _cells(view, n):
                po = bool(PO_BOX.match(text))
                places = PLACE_DASH.sub(", ", text)
                one = (bool(ONE_LINE.match(places) or NUMBER_AFTER.match(places))
                       or (bool(PREMISES.match(places)) and bool(re.search(r"\d", text))))
                town = bool(ONE_TOWN.match(places))
                # (A Canadian postal code, "T3H 4X2", holds a figure times a figure: not a quantity and a rate.)
                if (not (po or one or town or STREET.match(text)) or DATEISH.search(text)
                        or TIMES.search(POSTCODE.sub(" ", text))):
                    continue
                if distractor_hits(text, "address"):
                    continue  # "Customer hotline 2769 6863": a phone number, not a street and its postcode
                if parse.currencies_in(text):
                    continue  # "Totale da pagare 435,71 €" ends in a number as a street does, but it is an amount
                if parse.find_dates(text, finder.order, finder.ref or ANY_YEAR):
                    continue  # "NOV 5, 2024 to DEC 5, 2024" reads like "Chemin des Vignes 115, ..."
                above = _below(view, n - 1, col)
                if above is None or not _is_name(above[2], names):
                    continue
                parts = [text]
                end = start + len(text)
                # A street line with its own postcode ("Via Roma 41, 40127 Bologna BO") is the whole address: the
                # line under it is something else (a tax number, a customer code).
                for k in () if one or ("," in text and _postal(parts)) else (1, 2):
                    if _postal(parts) and k > 1:
                        break
                    nxt = _below(view, n + k, col)
                    if nxt is None or STREET.match(nxt[2]) and not POSTCODE.search(nxt[2]):
                        break
                    parts.append(nxt[2])
                    end = nxt[1] + len(nxt[2])
                if not (one or _postal(parts)):
                    if not town:
                        continue
                    parts, end = [text], start + len(text)
                po = po or any(PO_BOX.search(p) for p in parts)  # "MAILSTOP 4" / "PO BOX 183263"
                name = Candidate("customer_name", above[2], above[2], view.page, above[1], above[1] + len(above[2]),
                                 view.layout, 0.6, None, None, "addressee")
                address = None
                if not po:
                    value = ", ".join(parts)
                    address = Candidate("service_address", value, view.text[start:end], view.page, start, end,
                                        view.layout, 0.5, None, None, "mailing address")
                return MailingBlock(name, address, po)
    return None


# (A figure with its decimals closing a line, "TOPLAM TUTAR   675,00", is an amount, not a house number.)
_MAIL_LINE = re.compile(r"(?i)^\s*(?:p\.?\s?o\.?\s*box\b|\d{1,6}\s+[a-z]|[a-zß'. -]+\s\d{1,5}(?:,(?!\d)|\s*$))")


_NOT_NAME = re.compile(r"(?i)\b(?:charge|charges|total|tax|fee|credit|balance|payment|usage|history|amount|meter|"
                       r"reading|service|period|summary|bill|statement|account|energy|electric|gas|water)\b")


def addressee(finder: Finder, profile: Profile | None) -> Choice | None:
    """The customer's name on the mailing block: the line above the first postal line that is not the
    utility's own address. Labels and values glued onto that line ("Facture du 29/06/2024") are cut."""
    view = next((v for v in finder.views if not v.layout), None)
    if view is None:
        return None
    names = [n.lower() for n in ((profile.name, *profile.aliases) if profile else ())]
    for n in range(1, min(view.n_lines, 90)):
        s, e = view.line(n)
        line = view.text[s:e]
        if not _MAIL_LINE.match(line) or (parse.find_dates(line, finder.order, finder.ref or ANY_YEAR)
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
        legal = re.search(r"(?i)\b(?:llc|inc|ltd|gmbh|sa|ag)\b", chunks[0]) if chunks else None
        if not chunks or LETTERHEAD_ORG.search(chunks[0]) and not legal:
            continue
        name = chunks[0]
        if name == view.text.strip().splitlines()[0].strip():
            continue  # the page's first line is the letterhead, not the addressee
        start = prev.find(name)
        cand = Candidate("customer_name", name, name, view.page, ps + start, ps + start + len(name), False, 0.6,
                         None, None, "addressee")
        return Choice(name, cand, 0.6, "the line above the mailing address")
    return None
