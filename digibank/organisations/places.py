"""Where is a resident's place? Points for Belgian postcodes and municipalities, and distances.

The points come from `data/places.json`, made once by `scripts/place_coordinates.py` and shipped
with the code: nothing is fetched at run time. The table is read-only, so each process may keep
its own parsed copy. A postcode without a point of its own takes its municipality's, else that of
the nearest postcode number of the same thousand (Belgian postcodes are numbered by area).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "places.json"
EARTH_RADIUS_KM = 6371.0
# How far apart two postcode numbers may be for one to stand in for the other.
_NEAREST_POSTCODE_SPAN = 50


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@cache
def _table() -> dict:
    data: dict = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def postcode_name(postcode: str) -> str:
    """The locality a postcode is known by ("2801" is Heffen), or ""."""
    entry = _table()["postcodes"].get(postcode)
    return str(entry["name"]) if entry else ""


def postcode_names() -> dict[str, str]:
    return {code: str(entry["name"]) for code, entry in _table()["postcodes"].items()}


def municipality_point(nis_code: str) -> Point | None:
    found = _table()["municipalities"].get(nis_code)
    return Point(*found) if found else None


def postcode_point(postcode: str, nis_code: str | None = None) -> Point | None:
    """The postcode's own point; else its municipality's; else the nearest postcode number's."""
    postcodes = _table()["postcodes"]
    if postcode in postcodes:
        return Point(*postcodes[postcode]["at"])
    if nis_code and (point := municipality_point(nis_code)):
        return point
    if not postcode.isdigit():
        return None
    number = int(postcode)
    near = [
        (abs(int(code) - number), code)
        for code in postcodes
        if code[0] == postcode[0] and abs(int(code) - number) <= _NEAREST_POSTCODE_SPAN
    ]
    return Point(*postcodes[min(near)[1]]["at"]) if near else None


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine): exact enough for a few kilometres to 200."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(centre: Point, km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a box that holds every point within `km` of `centre`, for
    a cheap filter in SQL before the exact distance of the few points inside."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlon = math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(centre.latitude))))
    return (
        centre.latitude - dlat,
        centre.latitude + dlat,
        centre.longitude - dlon,
        centre.longitude + dlon,
    )


def municipality_codes() -> list[str]:
    return list(_table()["municipalities"])
