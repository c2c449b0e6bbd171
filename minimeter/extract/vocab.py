"""Generic label vocabulary (EN/FR/DE/ES/PT) per field, and the distractor words that lower a candidate.

This is what lets the rules read an unknown utility's bill: labels utilities commonly print, each
with a weight (1.0 = this label names the field outright; lower = it often does). A profile's own
labels are added on top with weight 1.1 (see ``labels_for``). Distractors are words that, near a
value, mean "this is a different number": last year's usage, the member number, the next read date.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minimeter.extract.profiles import Profile

# field -> [(label phrase, weight)]; phrases are matched case-insensitively with flexible spaces.
LABELS: dict[str, list[tuple[str, float]]] = {
    "total_amount_due": [
        ("total amount due", 1.0), ("amount due", 0.9), ("total due", 0.9), ("balance due", 0.85),
        ("total to pay", 0.9), ("amount to pay", 0.9), ("please pay", 0.8), ("pay this amount", 0.9),
        ("current balance due", 0.9), ("total balance due", 0.95), ("amount due now", 0.95),
        ("total amount before due date", 0.95), ("due date amount", 0.8), ("amount payable", 0.9),
        ("total a pagar", 1.0), ("valor a pagar", 1.0), ("montant à payer", 1.0), ("montant total", 0.8),
        ("montant prélevé", 0.9), ("total en chf", 0.6), ("zu zahlender betrag", 1.0), ("rechnungsbetrag", 0.9),
        ("total a pagar", 1.0), ("importe total", 0.9), ("total amount", 0.7), ("new balance", 0.8),
        ("account balance", 0.6), ("current account balance", 0.8), ("total with contributions", 0.6),
        ("current bill due", 0.8), ("amount enclosed", 0.3), ("total consolidado", 0.8),
    ],
    "current_charges": [
        ("current charges", 1.0), ("total current charges", 1.0), ("new charges", 0.9),
        ("total new charges", 0.95), ("total charges this period", 1.0), ("total from this billing period", 1.0),
        ("current month charges", 1.0), ("charges this period", 0.9), ("current bill", 0.7),
        ("total current bill", 0.9), ("total this bill", 0.9), ("current amount", 0.7),
        ("total due date amount", 0.8), ("total consolidado", 0.7), ("total charges", 0.7),
        ("montant de la facture", 0.8), ("aktuelle rechnung", 0.8), ("cargos del periodo", 0.8),
    ],
    "previous_balance": [
        ("previous balance", 1.0), ("previous account balance", 1.0), ("last bill", 0.8),
        ("prior balance", 1.0), ("balance from last bill", 1.0), ("balance forward", 0.5),
        ("total charges from your last bill", 1.0), ("previous bill amount", 1.0), ("arrears", 0.7),
        ("arrear amount", 0.7), ("past due", 0.5), ("solde précédent", 1.0), ("saldo anterior", 1.0),
        ("vorheriger saldo", 1.0),
    ],
    "payments": [
        ("payments received", 1.0), ("payment received", 1.0), ("payments", 0.8), ("payment(s)", 0.9),
        ("payments/credits", 1.0), ("payments and credits", 1.0), ("total payments", 1.0),
        ("payment - thank you", 0.9), ("payments through", 0.9), ("paiements reçus", 1.0), ("pagamentos", 0.8),
    ],
    "due_date": [
        ("due date", 1.0), ("date due", 1.0), ("payment due date", 1.0), ("payment due", 0.9),
        ("please pay by", 1.0), ("pay by", 0.9), ("due by", 0.9), ("amount due by", 0.9), ("due on", 0.8),
        ("payment is due by", 1.0), ("charges due by", 0.9), ("must be paid by", 0.9),
        ("data de vencimento", 1.0), ("vencimento", 0.9), ("date d'échéance", 1.0), ("échéance", 0.9),
        ("à payer avant le", 1.0), ("payable avant le", 1.0), ("zahlbar bis", 1.0), ("fällig am", 1.0),
        ("fecha de vencimiento", 1.0), ("fecha límite de pago", 1.0),
        # Automatic payments stand in for a due date when no other is printed (weaker).
        ("will draft on", 0.6), ("to be drafted on", 0.6), ("direct pay", 0.55), ("draft-", 0.4),
        ("automatically deducted from your bank on", 0.5), ("auto pay date", 0.6),
    ],
    "statement_date": [
        ("statement date", 1.0), ("bill date", 1.0), ("billing date", 1.0), ("date of bill", 1.0),
        ("date bill issued", 1.0), ("bill issue date", 1.0), ("issue date", 0.9), ("date issued", 1.0),
        ("invoice date", 0.9), ("date mailed", 0.9), ("date of issue", 1.0), ("bill prepared", 0.8),
        ("statement issued", 0.9), ("billing summary as of", 0.8), ("as of", 0.3),
        ("data de emissão", 1.0), ("data emissão", 1.0), ("date de facture", 1.0), ("date d'émission", 1.0),
        ("facture du", 0.8), ("rechnungsdatum", 1.0), ("fecha de emisión", 1.0), ("fecha de factura", 1.0),
    ],
    "billing_period_start": [
        ("billing period", 1.0), ("service period", 1.0), ("period", 0.6), ("service from", 1.0),
        ("billing period from", 1.0), ("from", 0.35), ("date of service", 0.8), ("meter read dates", 0.8),
        ("previous reading date", 0.8), ("prior read date", 0.8), ("période du", 1.0), ("période", 0.6),
        ("período", 0.8), ("periodo de facturación", 1.0), ("abrechnungszeitraum", 1.0), ("zeitraum", 0.7),
        ("for service", 0.5), ("billing days", 0.3), ("reading period", 0.8), ("leitura", 0.5),
        ("reading", 0.4), ("read dates", 0.8), ("lectura", 0.5),
    ],
    "billing_period_end": [
        ("current reading date", 0.8), ("present read date", 0.8), ("to", 0.2),
    ],
    "account_number": [
        ("account number", 1.0), ("account no", 1.0), ("account #", 1.0), ("acct no", 0.9), ("acct #", 0.9),
        ("account", 0.55), ("customer account", 0.9), ("account id", 0.9), ("k.no", 0.9), ("ca no", 0.8),
        ("contract account", 0.9), ("numéro de compte", 1.0), ("n° du compte", 1.0), ("n° de compte", 1.0),
        ("référence client", 0.8), ("vertragskonto", 1.0), ("kundennummer", 0.7), ("número de cuenta", 1.0),
        ("nº de contrato", 0.8), ("instalação", 0.8), ("seu código", 0.9), ("código do cliente", 0.9),
    ],
    "meter_number": [
        ("meter number", 1.0), ("meter no", 1.0), ("meter #", 1.0), ("meter serial #", 1.0),
        ("meter id", 1.0), ("meter", 0.5), ("current meter no", 1.0), ("n° compteur", 1.0),
        ("n°. medidor", 1.0), ("medidor", 0.8), ("zählernummer", 1.0), ("número de contador", 1.0),
    ],
    "electricity_kwh": [
        ("kwh use", 1.0), ("kwh used", 1.0), ("total kwh", 0.9), ("energy used", 0.9), ("total usage", 0.8),
        ("usage", 0.5), ("consumption", 0.6), ("total consumption", 0.8), ("energy use", 0.7),
        ("electricity used", 0.9), ("amount used", 0.8), ("consumo", 0.7), ("consommation", 0.6),
        ("verbrauch", 0.7), ("billed kwh", 1.0), ("kwh billed", 1.0),
    ],
    "gas_usage": [
        ("therms used", 1.0), ("total therms", 1.0), ("gas used", 1.0), ("actual usage", 0.8),
        ("ccf used", 1.0), ("usage", 0.5), ("amount used", 0.7), ("consumption", 0.5),
    ],
    "water_usage": [
        ("water used", 1.0), ("water usage", 1.0), ("gallons used", 1.0), ("total usage", 0.6),
        ("consumption", 0.5), ("quantité période", 0.8), ("usage", 0.4),
    ],
    "demand_kw": [
        ("billing demand", 1.0), ("billed demand", 1.0), ("on-peak demand", 0.95), ("peak demand", 0.9),
        ("demand", 0.7), ("max demand", 0.9), ("kw demand", 0.9),
    ],
    "customer_name": [
        ("customer name", 1.0), ("member name", 1.0), ("account name", 0.9), ("name", 0.4), ("bill to", 0.5),
        ("consumer name", 0.9), ("nom", 0.3),
    ],
    "service_address": [
        ("service address", 1.0), ("service location", 1.0), ("premises address", 1.0),
        ("service delivered to", 0.8), ("service for", 0.7), ("lieu de consommation", 0.9),
        ("address", 0.4), ("endereço", 0.6), ("lieferadresse", 0.9), ("verbrauchsstelle", 0.9),
    ],
    "rate_plan": [
        ("rate schedule", 1.0), ("rate plan", 1.0), ("rate", 0.7), ("tariff", 0.8), ("schedule", 0.5),
        ("service class", 0.8), ("classificação", 0.8), ("tarif", 0.6), ("category", 0.4),
    ],
}
LABELS["total_amount_due"] += [
    ("montant total à payer", 1.0), ("total à payer", 1.0), ("zahlbetrag", 1.0),
    ("total amount you owe", 1.0), ("amount due by", 0.8), ("amount you owe", 0.9),
    ("balance to pay", 0.9), ("total payable", 0.9),
]
LABELS["current_charges"] += [
    ("montant de la facture", 1.0), ("total facture", 0.9), ("summe brutto", 0.6),
    ("total new charges", 1.0), ("charges for this period", 1.0), ("this period's charges", 1.0),
    ("new charges this period", 1.0), ("total charges for this period", 1.0),
    ("current period charges", 1.0), ("total of this bill", 0.9), ("neue forderung", 0.9),
    ("rechnungssumme", 0.8),
]
LABELS["previous_balance"] += [
    ("report de solde", 1.0), ("saldo vorrechnung", 1.0), ("balance brought forward", 1.0),
    ("opening balance", 1.0), ("previous amount due", 1.0), ("amount of last bill", 1.0),
    ("last bill amount", 1.0), ("alter saldo", 1.0),
]
LABELS["payments"] += [
    ("versements reçus", 1.0), ("acomptes versés", 1.0), ("geleistete zahlungen", 1.0), ("paiements", 0.8),
    ("zahlungen", 0.7), ("payment received - thank you", 1.0), ("payments - thank you", 1.0),
    ("your payments", 0.9), ("thank you for your payment", 0.8), ("credits and payments", 1.0),
]
LABELS["due_date"] += [
    ("fälligkeitsdatum", 1.0), ("fällig", 0.8), ("payable jusqu'au", 1.0), ("à payer le", 0.9),
    ("pay on or before", 1.0), ("payment due by", 1.0), ("due", 0.4),
]
LABELS["statement_date"] += [
    ("date de facture", 1.0), ("erstellt am", 1.0), ("date issued", 1.0), ("statement issued", 1.0),
    ("date of statement", 1.0), ("issued", 0.6), ("bill issued", 1.0), ("closing date", 0.5),
    ("datum", 0.4),
]
LABELS["billing_period_start"] += [
    ("période de consommation", 1.0), ("for the period", 0.9), ("service dates", 1.0),
    ("billing dates", 1.0), ("usage period", 1.0), ("verbrauchszeitraum", 1.0), ("bill period", 1.0),
    ("period covered", 1.0),
]
LABELS["account_number"] += [
    ("compte client", 1.0), ("kundennummer", 1.0), ("your account number", 1.0), ("account num", 0.9),
    ("acct", 0.7), ("customer account number", 1.0), ("vertragsnummer", 0.7),
]
LABELS["meter_number"] += [
    ("numéro de compteur", 1.0), ("zählernummer", 1.0), ("meter serial number", 1.0),
    ("meter serial", 1.0), ("serial no", 0.6),
]
LABELS["electricity_kwh"] += [
    ("énergie consommée", 1.0), ("gesamtverbrauch", 0.9), ("stromverbrauch", 1.0),
    ("electricity usage", 1.0), ("total electricity", 0.8), ("electric usage", 1.0),
    ("kwh this period", 1.0), ("energy usage", 0.9), ("total energy", 0.8),
]
LABELS["gas_usage"] += [
    ("gasverbrauch", 1.0), ("consommation gaz", 1.0), ("gas usage", 1.0), ("total gas", 0.9),
    ("gas consumption", 1.0), ("therms this period", 1.0),
]
LABELS["water_usage"] += [
    ("consommation eau", 1.0), ("wasserverbrauch", 1.0), ("water consumption", 1.0),
    ("consumo de agua", 1.0),
]
LABELS["rate_plan"] += [
    ("option tarifaire", 1.0), ("offre", 0.7), ("produkt", 0.7), ("rate class", 1.0), ("tariff name", 1.0),
    ("your tariff", 1.0),
]
LABELS["service_address"] += [
    ("point de livraison", 0.9), ("lieferstelle", 1.0), ("service at", 0.8), ("supply address", 1.0),
    ("property address", 0.9), ("premise address", 1.0),
]
LABELS["rate_plan"] += [("class", 0.7), ("rate code", 1.0), ("service classification", 1.0)]
LABELS["electricity_kwh"] += [("net energy", 1.0), ("net usage", 1.0), ("net kwh", 1.0), ("billed usage", 1.0)]
LABELS["statement_date"] += [("date prepared", 1.0), ("prepared on", 0.9), ("date bill prepared", 1.0)]
LABELS["service_address"] += [("premises", 0.9), ("service location", 1.0)]
LABELS["customer_name"] += [("customer", 0.7), ("nom du client", 1.0), ("kunde", 0.5)]
# French, German and English wording seen on European and US bills.
LABELS["total_amount_due"] += [("net à payer", 1.0), ("gesamtbetrag", 0.9), ("amount due now", 1.0)]
LABELS["current_charges"] += [
    ("total de la période", 1.0), ("summe entgelte", 1.0), ("rechnungssumme brutto", 1.0), ("total ttc", 0.9),
    ("current month charges", 1.0),
]
LABELS["previous_balance"] += [("solde antérieur", 1.0), ("offener betrag vormonat", 1.0)]
LABELS["payments"] += [("zahlungseingänge", 1.0), ("erhaltene zahlungen", 1.0), ("payment(s) received", 1.0)]
LABELS["statement_date"] += [("date", 0.45)]
LABELS["due_date"] += [("direct debit on or after", 0.7), ("collected by direct debit on", 0.7)]
LABELS["billing_period_start"] += [("période de facturation", 1.0)]
LABELS["account_number"] += [("vertragskontonummer", 1.0), ("konto-nr.", 1.0), ("numéro de compte", 1.0)]
LABELS["meter_number"] += [("compteur", 0.8), ("zähler-nr.", 1.0), ("zähler", 0.7), ("n° compteur", 1.0)]
LABELS["service_address"] += [("adresse de livraison", 1.0), ("anschlussadresse", 1.0)]
LABELS["customer_name"] += [("titulaire", 0.9), ("vertragspartner", 0.9), ("client", 0.4)]
LABELS["rate_plan"] += [("ihr tarif", 1.0), ("service plan", 1.0)]
LABELS["electricity_kwh"] += [("consommation totale", 1.0)]
LABELS["gas_usage"] += [("gaz consommé", 1.0), ("verbrauch gas", 1.0)]
LABELS["water_usage"] += [("eau consommée", 1.0), ("verbrauch wasser", 1.0), ("total water usage", 1.0)]
LABELS["demand_kw"] += [("maximum demand", 0.9), ("puissance maximale", 0.9), ("puissance", 0.6),
                        ("höchstleistung", 0.9), ("leistung", 0.6)]
# Short, common words count as labels only where a label starts: at the start of a line or of a
# column ("Date  28.12.2024"), never inside a phrase ("Due Date", "Facture du").
ANCHORED = frozenset({"date", "datum", "nom", "client", "kunde", "compteur", "zähler", "puissance", "leistung"})

# These fields share vocabulary with others; the quantity's unit decides between them.
LABELS["gas_therms"] = LABELS["gas_usage"]

# Words that, on the line of a candidate (or between label and value), mean "a different number".
DISTRACTORS: dict[str, list[str]] = {
    "usage": [
        "last year", "last month", "previous month", "same month", "prior year", "a year ago", "average",
        "avg", "per day", "daily", "history", "last yr", "this month last year", "@", "/kwh", "per kwh",
        "moyenne", "par jour", "média", "historico", "histórico", "last 6 months", "p.f.y", "compensad",
        "injet", "inj.", "saldo", "x ", "1st", "first", "over", "block", "tier", "read difference",
        "sanctioned", "connected load", "contract", "load (kw", "capacity", "tarif", "souscrite", "subscribed",
        "abonnement", "option", "vorjahr", "vormonat", "vorperiode", "l'an dernier", "l’an dernier",
        "année précédente", "mois précédent", "période précédente", "last period", "one year ago",
    ],
    "money": [
        "last year", "average", "avg", "per day", "per month", "budget", "after due date", "late",
        "penalty", "deposit", "security", "minimum", "rate", "@", "/kwh", "per kwh", "¢", "cost per",
        "contribution", "donat", "round up", "round-up", "tax rate", "%",
    ],
    "date": [
        "next read", "next scheduled", "next billing", "next bill", "next reading", "prochain relevé",
        "próximo mês", "proxima leitura", "próxima leitura", "nächste", "previous balance was due",
        "effective", "since", "printed", "established", "born", "member since",
    ],
    "identifier": [
        "member", "invoice", "bill no", "bill number", "service id", "service no", "phone", "tel", "fax",
        "meter", "premise", "location", "customer number", "n° client", "n° facture", "nota fiscal",
        "conta contrato", "pn", "routing", "po box", "zip", "cpf", "cnpj", "gstin", "pan no", "tax id",
        "bill #", "statement #", "invoice #", "order", "reference",
    ],
}


def fold(word: str) -> str:
    """A regex for ``word`` that also matches it with its accents lost, as OCR and some PDFs print it
    ("Fälligkeitsdatum" / "Falligkeitsdatum", "Straße" / "StraBe", "échéance" / "echeance")."""
    out = []
    for ch in word:
        base = unicodedata.normalize("NFD", ch)[0]
        if ch == "ß":
            out.append("(?:ß|ss|B)")
        elif base != ch and base.isalpha():
            out.append(f"[{ch}{base}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@functools.lru_cache(maxsize=2048)
def label_rx(phrase: str, strict: bool = True) -> re.Pattern[str]:
    parts = [fold(w) for w in phrase.split()]
    body = r"[^\S\n]+".join(parts)  # a label never spans lines ("... 20,700 kWh\nBilled Demand" is not "kWh billed")
    # A label is a whole phrase: no letter right before it, and (for the generic vocabulary) none right
    # after. A profile's own labels may run into the next word, as layout text glues "échéanceDate".
    tail = r"(?![A-Za-zÀ-ÿ])" if strict else ""
    return re.compile(rf"(?i)(?<![A-Za-zÀ-ÿ]){body}{tail}")


def anchored(phrase: str) -> bool:
    """Whether ``phrase`` counts as a label only at the start of a line or column (see ``ANCHORED``)."""
    return phrase in ANCHORED


def labels_for(field_name: str, profile: Profile | None) -> list[tuple[str, float]]:
    """Generic labels plus the profile's own (which win ties: weight 1.1)."""
    out = list(LABELS.get(field_name, []))
    if field_name == "billing_period_end":
        out += LABELS["billing_period_start"]
    if profile is not None:
        key = "gas_usage" if field_name == "gas_therms" else field_name
        out += [(lab, 1.1) for lab in profile.labels_for(key)]
        if field_name == "billing_period_end":
            out += [(lab, 1.1) for lab in profile.labels_for("billing_period_start")]
    return out


@functools.lru_cache(maxsize=1)
def any_label_rx() -> re.Pattern[str]:
    """Matches a line that is nothing but a known label (for stacked label blocks)."""
    phrases = sorted({p for labels in LABELS.values() for p, _ in labels if len(p) > 3}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?i)^\s*(?:your\s+)?(?:{body})\s*[:#]?\s*$")


def distractor_hits(context: str, kind: str) -> list[str]:
    low = context.lower()
    return [w for w in DISTRACTORS.get(kind, []) if w in low]
