"""Value types the API's schemas share, declared so that the OpenAPI document says what is sent.

JSON Schema's `"format": "time"` is RFC 3339's *full-time*, which requires a UTC offset
("09:00:00+01:00"); an opening hour is a local wall-clock time without one. Declaring
`datetime.time` as is made every answer with opening hours break its own schema (found by the
schemathesis run in `digibank/api/tests/test_fuzz.py`). `LocalTime` is documented as RFC 3339's
*partial-time* with its pattern instead; the value sent is unchanged ("09:00:00").
"""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import WithJsonSchema

LocalTime = Annotated[
    datetime.time,
    WithJsonSchema(
        {
            "type": "string",
            "format": "partial-time",
            "pattern": r"^\d{2}:\d{2}:\d{2}(\.\d+)?$",
            "description": "A local wall-clock time, without UTC offset (RFC 3339 partial-time).",
            "examples": ["09:00:00"],
        }
    ),
]
