"""The sandbox platform's service catalogue: the body of GET /catalogue (DESIGN §5).

Loaded from the data file ``catalogue.json`` beside this module: about a hundred services of
the e福州 families, each with ``kind`` (print | licence | guide), and beyond the contract's
fields ``description`` and ``reads`` ({"zh","en"}: what personal data the service reads and
why, shown on the PIPL consent screen) and ``keywords`` (extra search words). ``categories``
lists the home screen's categories in order. ``version`` is derived from the content, so it
changes exactly when the catalogue does (use it as the ETag). An operator's own file
(``--catalogue FILE``) is loaded with :func:`from_file`, refused with the reasons if it does
not validate.
"""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from kiosk.catalogue import CatalogueError, check

DATA_FILE = Path(__file__).with_name("catalogue.json")


def _version(categories: list, services: list) -> str:
    blob = json.dumps([categories, services], ensure_ascii=False, sort_keys=True).encode()
    return "sandbox-" + hashlib.sha256(blob).hexdigest()[:12]


def _with_version(body: dict) -> dict:
    body = dict(body)
    if "version" not in body:
        body["version"] = _version(body.get("categories") or [], body["services"])
    return body


def from_file(path: str | Path) -> dict:
    """The catalogue body of an operator's JSON file (``version`` derived from the content when
    the file has none); :class:`kiosk.catalogue.CatalogueError` with every reason when it cannot
    be read or does not validate."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CatalogueError([f"cannot read the file: {e.strerror or e}"], str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CatalogueError([f"not JSON text in UTF-8: {e}"], str(path)) from None
    if isinstance(raw, dict) and "version" not in raw and isinstance(raw.get("services"), list):
        raw = _with_version(raw)
    check(raw, str(path))
    return raw


FULL: dict = from_file(DATA_FILE)
#: Today's six services (the ids scripts outside the repo rely on), a small catalogue for tests.
CLASSIC_IDS = ("social_insurance_payment", "medical_insurance", "housing_fund_deposit", "no_housing",
               "real_estate_registration", "business_licence")


def _subset(body: dict, ids: tuple[str, ...]) -> dict:
    services = [s for s in body["services"] if s["id"] in ids]
    cats = [c for c in body["categories"] if any(s.get("category") == c["id"] for s in services)]
    return {"version": _version(cats, services), "categories": cats, "services": services}


CLASSIC: dict = _subset(FULL, CLASSIC_IDS)
CATALOGUE: dict = FULL
_SERVICES: list = CATALOGUE["services"]
_CATEGORIES: list = CATALOGUE["categories"]


def catalogue() -> dict:
    """A deep copy of CATALOGUE, safe for a caller to change (e.g. to disable a service)."""
    return copy.deepcopy(CATALOGUE)


def service(service_id: str) -> dict | None:
    """The catalogue entry of ``service_id``, or None."""
    return next((s for s in CATALOGUE["services"] if s["id"] == service_id), None)
