"""An unknown utility's name, read from what every bill prints about its issuer.

With no profile, the issuer still identifies itself: a legal name with its company form
("VIVIGAS S.p.A.", "Repsol Comercializadora de Electricidad y Gas, S.L.U.", "Duke Energy Ltd"), a
public body ("City of Johannesburg"), an organisation line in the letterhead, its web address.
The customer's own company prints a legal form too, and regulators and distributors are named in
notices, so each candidate is weighed by what it says (a utility word), where it stands (the
letterhead and the first page) and how often the bill repeats it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from minimeter.extract.vocab import strip_accents

if TYPE_CHECKING:
    from minimeter.readers.base import Document

# Company forms, longest first so "S.L.U." is not read as "S.L.".
# Dotted forms are printed in either case ("S.p.A." / "S.P.A.", "S.r.l." / "S.R.L.").
# (Turkish "A.Ş." and "Ltd. Şti." before the "Ltd." they start with.)
_FORMS = (r"A\.\s?Ş\.?|Ltd\.?\s?Şti\.?|"
          r"S\.?\s?[pP]\.?\s?[aA]\.?|S\.?\s?L\.?\s?U\.?|S\.?\s?A\.?\s?U\.?|S\.?\s?A\.?|S\.?\s?L\.?|"
          r"S\.?\s?[rR]\.?\s?[lL]\.?|"
          r"GmbH|AG|Ltd\.?|Limited|Inc\.?|LLC|L\.L\.C\.|LLP|LP|L\.P\.|PLC|plc|N\.?V\.?|B\.?V\.?|Sdn\.?\s?Bhd\.?|Berhad|Bhd\.?|SAS|S\.A\.S\.|"
          r"SE|Co\.|Corp\.?|Corporation|Company|\(Pty\)\s?Ltd|SOC\s+Ltd|Cooperative|Co-op|"
          # Nordic forms: Swedish aktiebolag (publ), handels- and kommanditbolag, Norwegian and Danish
          # aksjeselskap / aktieselskab, anpartsselskab, Finnish osakeyhtiö. (The Norwegian "AS" closes a name:
          # followed by a word it is the English "as", "ELECTRIC SERVICE AS BILLED", "SAME AS LAST MONTH".)
          r"AB(?:\s\(publ\))?|HB|KB|ASA|A/S|AS(?![^\S\n][^\W\d_])|ApS|Oyj|Oy")
# A capital letter (with its accent: "Örnek", "Łódzka", "Électricité") or a digit: how a name's word starts.
_CAP = "A-Z0-9" + "".join(ch for ch in map(chr, range(0xC0, 0x180)) if ch.isupper())
# Up to two linking words between capitalised ones ("Canal de Aguas de la Vega, S.L.").
_LEGAL = re.compile(rf"(?<![\w&])((?:[{_CAP}][\w&'’.\-]*[ ,]{{1,2}}"
                    rf"(?:(?:de|del|di|du|des|la|le|los|las|y|e|et|and|of|&)"
                    rf"[ ,]{{1,2}}){{0,2}}){{0,6}}[{_CAP}][\w&'’.\-]*),?\s(?:{_FORMS})(?![\w]|-\d)")
# Company forms printed before the name (Indonesian "PT Listrik Nusantara (Persero)", "CV Maju Jaya", a regional
# company "Perumda Air Minum Tirta ..."), with the state-owned or listed mark that may follow it.
_PREFIX_FORMS = r"PT\.?|CV\.?|Perum|Perumda|PDAM"
_PREFIXED = re.compile(rf"(?<![\w&])((?:{_PREFIX_FORMS})\s(?:[A-Z0-9][\w&'’\-]*[ ]){{0,5}}[A-Z0-9][\w&'’\-]*"
                       r"(?:\s\((?:Persero|Perseroda)\)|\sTbk\b\.?)?)")
_PUBLIC = re.compile(r"(?i)(?<!\w)((?:city|town|village|county|municipality|borough|shire) of [A-Z][\w'’\-]+"
                     r"(?: [A-Z][\w'’\-]+)?)")
# Matched on the name with its accents stripped ("Énergie" is "energie").
_UTILITY = re.compile(r"(?i)energ|enerj|electr|elettric|eletric|elektr|tenaga|kuasa|power|gas\b|gas[a-z]|water|agua|"
                      r"plyn|vodar|vodovod|teplar|"  # (Czech: gas, waterworks, heating plant)
                      r"acqua|acqued|idric|wasser|\beaux?\b|listrik|air minum|saneamento|saneamiento|assainissement|"
                      r"sewer|"
                      r"utilit|hydro|luz|lumi|vidyut|bijli|supply|fourniture|distribu|comercializ|stadtwerke|services? "
                      r"industriels|servizi industriali|multiserviz|municipal|city power|light|"
                      r"public works|r[eé]gie|"  # (a public utility board: "Board of Public Works", "Régie ...")
                      r"\bew\b|"  # (EW: a Swiss Elektrizitätswerk)
                      # Nordic: an electricity company or works, power, the grid, district heating, water.
                      r"elbolag|elverk|elhandel|kraft|\bn[aä]t\b|elnett|fj[aä]rrv[aä]rme|fjernvarme|v[aä]rmeverk|"
                      r"vatten|\bvann\b|forsyning|"
                      r"\bgaz\b|dogalgaz|dagitim|kanalizasyon|belediye")  # (Turkish gas, distribution, sewerage, city)
ORG = re.compile(r"(?i)\b(?:energy|electric\w*|power|gas|water|utilit\w+|city of|town of|village of|county|"
                  r"stadtwerke|énergie|energie|energia|électricité|eletric\w*|elétric\w*|eléctric\w*|elektr\w*|"
                  r"enerji|gaz\b|do[gğ]algaz|da[gğ][iı]t[iı]m|kanalizasyon|belediyesi|"
                  r"tenaga|kuasa|aguas?|eaux?\b|listrik|kelistrikan|air minum|"
                  r"companhia|compañía|compagnie|empresa|aziend[ae]|inc\b|llc\b|ltd\b|gmbh|\bsa\b|\bag\b|company|"
                  r"\bs\.\s?r\.\s?o\.|\ba\.\s?s\.(?!\w)|"  # (Czech and Slovak company forms)
                  r"cooperative|co-op|genossenschaft|authority|district|services industriels|hydro|municipality|"
                  r"fourniture|"  # ("... Fourniture": a French supplier's name, with no company form)
                  r"elbolag\w*|kraft\w*|elverk\w*|fjärrvärme|fjernvarme|forsyning|\bab\b|\ba/s\b|\basa\b|\baps\b|"
                  # A public utility board: French "Régie (autonome) de distribution", a US "Board of Public Works"
                  r"r[eé]gie|public works|soci[eé]t[eé] de distribution)")
_DOMAIN = re.compile(r"(?i)(?:www\.|@)([a-z0-9][a-z0-9-]{2,40})\.(?:[a-z]{2,6})(?:\.[a-z]{2})?\b")
# Names every bill prints that are not its issuer: regulators, ombudsmen, payment networks.
_NOT_ISSUER = re.compile(r"(?i)ombuds|m[eé]diat(?:eur|or)|regulat|arera|ofgem|aneel|cnmc|\bcre\b|\bpuc\b|commission|"
                         r"paypal|visa\b|"
                         r"mastercard|google|gmail|yahoo|hotmail|outlook|icloud|aol\b|apple|facebook|twitter|instagram|youtube|linkedin|whatsapp")

# Words just before a name that introduce another company than the issuer: the distributor or wires company
# whose charges a retailer passes through ("Your TDU: ...", "TDU DELIVERY CHARGES (...)", "billed by ... to us",
# "Distributore: ..."). A retail bill may name it more often than itself.
_OTHER_COMPANY = re.compile(r"(?i)(?:\btdu\b|\btdsp\b|\bdso\b|distribut\w*|wires company|network operator|"
                            r"delivery charges|billed by)[\s:(]*$")


# A letterhead line that is a heading, not a name ("Your Energy Bill", "Descrizione: GAS A CONGUAGLIO").
_HEADING = re.compile(r"(?i)^(?:your|our|this|my|an?)\b|\b(?:bill|statement|invoice|account|codice|code|factura|"
                      r"fattura|facture|rechnung|fatura|bolletta|summary|notice)\b|:|"
                      r"^(?:tarif|tariff|rate)\b")  # a tariff row ("Tarif électricité  BT Domestique") names no issuer


def _utility(name: str) -> bool:
    return _UTILITY.search(strip_accents(name)) is not None


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.:;-")
    return name[:120]


def _name_ok(name: str) -> bool:
    words = re.findall(r"[^\W\d_]{2,}", name)
    return len(words) >= 2 and not _HEADING.search(name) and not _NOT_ISSUER.search(name) and len(name) <= 90


def _spelled(domain: str, text: str) -> str | None:
    """The words of the text that spell a web domain ("National Grid" for nationalgridus.com)."""
    for m in re.finditer(r"(?<![\w])[A-Z][\w&'’-]*(?: [A-Z&][\w&'’-]*){0,3}", text):
        words = m.group(0).split()
        for i in range(len(words)):
            for k in range(len(words), i, -1):
                compact = re.sub(r"[^a-z0-9]", "", "".join(words[i:k]).lower())
                if len(compact) >= 4 and domain.startswith(compact) and len(compact) >= 0.6 * len(domain):
                    return " ".join(words[i:k])
    return None


_UNREAD = object()


def candidates(doc: Document, head: str | None | object = _UNREAD) -> dict[str, float]:
    """Every name the bill gives its issuer, with a weight (higher is likelier); web domains as "@name".
    ``head``: the bill's ``letterhead`` when the caller has read it already."""
    score: defaultdict[str, float] = defaultdict(float)
    other: set[str] = set()
    for i, page in enumerate(doc.pages[:4]):
        text = page.text
        first = i == 0
        for m in _LEGAL.finditer(text):
            name = _clean(m.group(0))
            if not _name_ok(name):
                continue
            if _OTHER_COMPANY.search(text[max(0, m.start() - 40):m.start()].rsplit("\n", 1)[-1]):
                other.add(name)
            score[name] += (3.0 if _utility(name) else 1.0) * (1.5 if first else 1.0)
        for m in _PREFIXED.finditer(text):
            name = _clean(m.group(1))
            if _name_ok(name):
                score[name] += (3.0 if _utility(name) else 1.0) * (1.5 if first else 1.0)
        for m in _PUBLIC.finditer(text):
            score[_clean(m.group(1)).title()] += 2.5 if first else 1.5
        for m in _DOMAIN.finditer(text):
            if not _NOT_ISSUER.search(m.group(1)):
                score["@" + m.group(1).lower()] += 0.5
    # The letterhead: the first rows of the first page as it is seen (its layout text), not in the order
    # the content stream happens to hold them (a block drawn last may sit at the top).
    if head is _UNREAD:
        head = letterhead(doc)
    if isinstance(head, str):
        score[head] += 2.0 if _utility(head) else 1.0
        if _utility(head):
            # A utility's name the bill prints again (on its remittance stub, its footer) is its issuer more surely
            # than a customer's company the bill repeats as often (the address block and the stub).
            again = sum(p.text.count(head) for p in doc.pages[:4]) - 1
            score[head] += 1.0 * min(max(again, 0), 2)
        other.discard(head)  # the letterhead's own name, whatever else the bill says of it
    return {k: v for k, v in score.items() if k not in other}


def letterhead(doc: Document) -> str | None:
    """The organisation named on the first rows of the first page as it is seen (its layout text), or None."""
    top = (doc.pages[0].layout_text or doc.pages[0].text) if doc.pages else ""
    lines = [ln.strip() for ln in top.splitlines() if ln.strip()][:8]
    for ln in lines:
        # The row's first cell: a layout row also holds what is printed beside the name ("Tax invoice").
        name = re.split(r"\s{2,}| - | · ", ln)[0][:120]
        # (Accents ignored: "Energía" names an organisation as "Energia" does.)
        if ((ORG.search(name) or ORG.search(strip_accents(name))) and len(name) <= 80
                and not re.search(r"\d{3}", name) and "@" not in name
                and not name[:1].islower()  # a sentence carried over from the line above, not a name
                and _name_ok(name)):
            return name
    return None


def provider_guess(doc: Document, customer: str | None = None) -> str | None:
    """The likeliest issuer's name, or None. A web domain alone names it only when no name does;
    a domain that a name contains ("vivienergia" in "VIVI energia") adds to that name. The bill's
    ``customer`` (a business with a company form, "Crescent Foods Inc.", printed on the bill and its
    stub) is the addressee, never the issuer."""
    head = letterhead(doc)
    score = candidates(doc, head)
    domains = {k[1:]: v for k, v in score.items() if k.startswith("@")}
    names = {k: v for k, v in score.items() if not k.startswith("@")}
    who = re.sub(r"[^a-z0-9]", "", customer.lower()) if customer else ""
    if head is not None and _utility(head) and re.sub(r"[^a-z0-9]", "", head.lower()) == who:
        who = ""  # a utility's name atop the page, taken for the addressee: the letterhead is the issuer
    if len(who) >= 4:
        names = {k: v for k, v in names.items() if re.sub(r"[^a-z0-9]", "", k.lower()) != who}
    for name in list(names):
        compact = re.sub(r"[^a-z0-9]", "", name.lower())
        word = re.sub(r"[^a-z0-9]", "", name.lower().split()[0]) if name.split() else ""
        for d, w in domains.items():
            d = d.replace("-", "")
            if d in compact or (len(word) >= 4 and (d.startswith(word) or word.startswith(d))):
                names[name] += w
    if names:
        best = max(names.items(), key=lambda kv: (kv[1], kv[0] == head))  # (a tie goes to the letterhead)
        if best[1] >= 2.0:
            return best[0]
    if domains:
        d = max(domains.items(), key=lambda kv: kv[1])[0].replace("-", "")
        return _spelled(d, "\n".join(p.text for p in doc.pages[:4])) or d.title()
    return None
