"""The service catalogue the platform sends (GET /catalogue), checked and made ready to show.

Plain Python, no Qt, no I/O except :func:`load_file`. :func:`problems` lists every reason a
catalogue body is refused, each as ``path: what was expected`` (``services[3].kind: expected one
of print, licence, guide``). :func:`build` turns a valid body into a :class:`Catalogue`: services
in catalogue order, each with its ``kind`` (inferred from ``printer`` for a catalogue from before
``kind`` existed), grouped under the categories in display order. A service whose category the
catalogue does not define lands in the group :data:`OTHER` ("其他"), so it is always reachable.
Icon keys are passed through as they are: screens draw a neutral icon for a key they do not know.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("print", "licence", "guide")
OTHER = "other"
OTHER_NAME = {"zh": "其他", "en": "Other"}
#: Bounds that keep a broken or hostile answer from freezing the screen.
MAX_SERVICES = 1000
MAX_CATEGORIES = 100
MAX_TEXT = 2000


class CatalogueError(ValueError):
    """A catalogue that does not validate; ``reasons`` lists each bad field and what was expected."""

    def __init__(self, reasons: list[str], source: str = "catalogue"):
        self.reasons = list(reasons)
        shown = "; ".join(self.reasons[:5]) + (f" (+{len(self.reasons) - 5} more)" if len(self.reasons) > 5 else "")
        super().__init__(f"{source}: {shown}")


def _text_map(value: Any, path: str, out: list[str], *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, dict):
        out.append(f'{path}: expected an object {{"zh": text, "en": text}}')
        return
    if not isinstance(value.get("zh"), str) or not value["zh"].strip():
        out.append(f"{path}.zh: expected non-empty text")
    for lang, text in value.items():
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            out.append(f"{path}.{lang}: expected text of at most {MAX_TEXT} characters")


def _category_problems(categories: Any, out: list[str]) -> None:
    if not isinstance(categories, list):
        out.append("categories: expected a list")
        return
    if len(categories) > MAX_CATEGORIES:
        out.append(f"categories: expected at most {MAX_CATEGORIES}")
    seen: set[str] = set()
    for i, cat in enumerate(categories[:MAX_CATEGORIES]):
        p = f"categories[{i}]"
        if not isinstance(cat, dict):
            out.append(f"{p}: expected an object")
            continue
        cid = cat.get("id")
        if not isinstance(cid, str) or not cid:
            out.append(f"{p}.id: expected non-empty text")
        elif cid in seen:
            out.append(f"{p}.id: {cid!r} appears twice; expected unique ids")
        else:
            seen.add(cid)
        _text_map(cat.get("name"), f"{p}.name", out)
        if "icon" in cat and not isinstance(cat["icon"], str):
            out.append(f"{p}.icon: expected text (an icon key)")


def _service_problems(i: int, s: Any, seen: set[str], out: list[str]) -> None:
    p = f"services[{i}]"
    if not isinstance(s, dict):
        out.append(f"{p}: expected an object")
        return
    sid = s.get("id")
    if not isinstance(sid, str) or not sid or len(sid) > 100:
        out.append(f"{p}.id: expected non-empty text of at most 100 characters")
    elif sid in seen:
        out.append(f"{p}.id: {sid!r} appears twice; expected unique ids")
    else:
        seen.add(sid)
    _text_map(s.get("name"), f"{p}.name", out)
    for key in ("description", "reads"):
        _text_map(s.get(key), f"{p}.{key}", out, required=False)
    if s.get("category") is not None and not isinstance(s["category"], str):
        out.append(f"{p}.category: expected text (a category id)")
    kind = s.get("kind", "licence" if s.get("printer") == "licence" else "print")
    if kind not in KINDS:
        out.append(f"{p}.kind: expected one of {', '.join(KINDS)}")
        return
    if kind == "guide":
        guide = s.get("guide")
        if not isinstance(guide, dict):
            out.append(f'{p}.guide: expected an object {{"text", "link", "window"}} for a guide service')
            return
        _text_map(guide.get("text"), f"{p}.guide.text", out)
        _text_map(guide.get("window"), f"{p}.guide.window", out, required=False)
        link = guide.get("link")
        if not isinstance(link, str) or not link.strip() or len(link) > 1000:
            out.append(f"{p}.guide.link: expected a link of at most 1000 characters")
        return
    printer = s.get("printer")
    want = "licence" if kind == "licence" else "document"
    if printer != want:
        out.append(f"{p}.printer: expected {want!r} for a service of kind {kind!r}")
    identity = s.get("identity", ["id_card"])
    if (not isinstance(identity, list) or not identity
            or not all(m in ("id_card", "efz_qr", "ssse") for m in identity)):
        out.append(f"{p}.identity: expected a non-empty list of id_card, efz_qr, ssse")
    if "paper" in s and s["paper"] not in ("A4", "A3"):
        out.append(f"{p}.paper: expected A4 or A3")


def problems(body: Any) -> list[str]:
    """Every reason ``body`` is not a usable catalogue (empty when it is)."""
    if not isinstance(body, dict):
        return ["(root): expected a JSON object"]
    out: list[str] = []
    if not isinstance(body.get("version"), (str, int)) or isinstance(body.get("version"), bool):
        out.append("version: expected text or an integer")
    if "categories" in body:
        _category_problems(body["categories"], out)
    services = body.get("services")
    if not isinstance(services, list):
        out.append("services: expected a list")
        return out
    if len(services) > MAX_SERVICES:
        out.append(f"services: expected at most {MAX_SERVICES}")
    seen: set[str] = set()
    for i, s in enumerate(services[:MAX_SERVICES]):
        _service_problems(i, s, seen, out)
    return out


def check(body: Any, source: str = "catalogue") -> None:
    """Raise :class:`CatalogueError` with every reason when ``body`` does not validate."""
    found = problems(body)
    if found:
        raise CatalogueError(found, source)


def load_file(path: str | Path) -> dict:
    """A catalogue file (JSON, UTF-8), validated; :class:`CatalogueError` names what is wrong."""
    path = Path(path)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CatalogueError([f"cannot read the file: {e.strerror or e}"], str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CatalogueError([f"not JSON text in UTF-8: {e}"], str(path)) from None
    check(body, str(path))
    return body


@dataclass(frozen=True)
class Category:
    id: str
    name: dict
    icon: str
    service_ids: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("zh") or self.id


@dataclass(frozen=True)
class Catalogue:
    """A validated catalogue: ``services`` (id → the platform's dict, with ``kind`` always set)
    and ``categories`` in display order, each listing its services; empty categories are left out."""

    version: str
    services: dict[str, dict] = field(default_factory=dict)
    categories: tuple[Category, ...] = ()

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def category_of(self, service_id: str) -> Category | None:
        return next((c for c in self.categories if service_id in c.service_ids), None)


def kind_of(service: dict) -> str:
    """``print``, ``licence`` or ``guide``; a catalogue from before ``kind`` infers it from ``printer``."""
    kind = service.get("kind")
    if kind in KINDS:
        return kind
    return "licence" if service.get("printer") == "licence" else "print"


def build(body: dict) -> Catalogue:
    """The :class:`Catalogue` of a body that passed :func:`check` (raises CatalogueError otherwise)."""
    check(body)
    return build_unchecked(body)


def build_unchecked(body: dict) -> Catalogue:
    services: dict[str, dict] = {}
    for s in body["services"]:
        services[s["id"]] = {**s, "kind": kind_of(s)}
    declared = [c for c in body.get("categories") or []]
    known = {c["id"] for c in declared}
    members: dict[str, list[str]] = {}
    for sid, s in services.items():
        cid = s.get("category") if s.get("category") in known else OTHER
        members.setdefault(cid, []).append(sid)
    cats = [Category(c["id"], dict(c["name"]), c.get("icon") or c["id"], tuple(members.get(c["id"], ())))
            for c in declared if c["id"] != OTHER]
    if members.get(OTHER):
        other = next((c for c in declared if c["id"] == OTHER), None)
        cats.append(Category(OTHER, dict(other["name"]) if other else dict(OTHER_NAME),
                             (other or {}).get("icon") or OTHER, tuple(members[OTHER])))
    return Catalogue(str(body["version"]), services, tuple(c for c in cats if c.service_ids))


def pages(count: int, per_page: int) -> int:
    """How many pages ``count`` items fill, ``per_page`` to a page (at least one)."""
    per_page = max(1, per_page)
    return max(1, -(-count // per_page))


def page_slice(items: list | tuple, page: int, per_page: int) -> tuple[list, int, int]:
    """``(items on the page, the page clamped to 0..n-1, n)`` for a 0-based ``page``."""
    n = pages(len(items), per_page)
    page = max(0, min(page, n - 1))
    start = page * max(1, per_page)
    return list(items[start:start + max(1, per_page)]), page, n


def from_services(services: dict[str, dict], categories: list | None = None) -> Catalogue:
    """A :class:`Catalogue` of services already accepted (the session's), without re-checking."""
    return build_unchecked({"version": "-", "services": list(services.values()), "categories": categories or []})


def without(catalogue: Catalogue, service_ids: set[str]) -> Catalogue:
    """``catalogue`` less the services switched off on this terminal (``services.disabled``);
    a category left empty is not shown."""
    if not service_ids & set(catalogue.services):
        return catalogue
    services = {k: v for k, v in catalogue.services.items() if k not in service_ids}
    cats = tuple(Category(c.id, c.name, c.icon, tuple(s for s in c.service_ids if s in services))
                 for c in catalogue.categories)
    return Catalogue(catalogue.version, services, tuple(c for c in cats if c.service_ids))
