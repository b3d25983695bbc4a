"""The catalogue contract in the core: validation with reasons, groups, paging, search."""
from __future__ import annotations

import json

import pytest

from kiosk.catalogue import OTHER, CatalogueError, build, check, load_file, page_slice, pages, problems
from kiosk.catalogue_search import SearchIndex
from kiosk.sandbox.catalogue import FULL, from_file


def _svc(sid, zh, category="c1", **extra):
    return {"id": sid, "name": {"zh": zh, "en": extra.pop("en", sid)}, "category": category,
            "identity": ["id_card"], "printer": "document", **extra}


def test_sandbox_catalogue_is_realistic():
    """Given the sandbox's data file, then it holds about 100 valid services, 30+ printable,
    today's ids among them, each category with an icon key."""
    check(FULL)
    cat = build(FULL)
    assert 95 <= len(cat.services) <= 110
    assert sum(s["kind"] == "print" for s in cat.services.values()) >= 30
    for sid in ("social_insurance_payment", "medical_insurance", "housing_fund_deposit",
                "real_estate_registration", "no_housing", "business_licence"):
        assert sid in cat.services
    assert cat.services["business_licence"]["kind"] == "licence"
    assert all(c.icon for c in cat.categories) and len(cat.categories) >= 12
    for s in cat.services.values():
        assert s["name"]["en"] and s["description"]["zh"] and s["description"]["en"]
        if s["kind"] == "print":
            assert s["reads"]["zh"] and s["reads"]["en"]
        if s["kind"] == "guide":
            assert s["guide"]["text"]["en"] and s["guide"]["link"].startswith("https://")


def test_problems_name_the_field_and_what_was_expected():
    body = {"version": 1, "categories": [{"id": "a", "name": {"zh": "甲"}}, {"id": "a", "name": "x"}],
            "services": [_svc("s1", "一", kind="guide"), _svc("s1", ""), {"id": "s3", "name": {"zh": "三"},
                                                                        "kind": "print", "printer": "licence"},
                         {"id": "s4", "name": {"zh": "四"}, "kind": "teleport"}]}
    found = problems(body)
    assert "categories[1].id: 'a' appears twice; expected unique ids" in found
    assert any(r.startswith("categories[1].name: expected an object") for r in found)
    assert any(r.startswith("services[0].guide: expected an object") for r in found)
    assert "services[1].id: 's1' appears twice; expected unique ids" in found
    assert "services[1].name.zh: expected non-empty text" in found
    assert "services[2].printer: expected 'document' for a service of kind 'print'" in found
    assert "services[3].kind: expected one of print, licence, guide" in found
    assert problems([]) == ["(root): expected a JSON object"]
    with pytest.raises(CatalogueError) as e:
        check(body)
    assert e.value.reasons == found


def test_old_catalogue_without_kind_or_categories_still_builds():
    """Given a catalogue from before categories and kind, then every service is shown under 其他
    with its kind inferred from the printer."""
    cat = build({"version": "v1", "services": [_svc("a", "甲"), _svc("b", "乙", printer="licence")]})
    assert [c.id for c in cat.categories] == [OTHER]
    assert cat.categories[0].title("zh") == "其他" and cat.categories[0].title("en") == "Other"
    assert cat.services["a"]["kind"] == "print" and cat.services["b"]["kind"] == "licence"


def test_unknown_category_lands_in_other_and_unknown_icon_passes_through():
    body = {"version": 2, "categories": [{"id": "c1", "name": {"zh": "一类"}, "icon": "no-such-icon"},
                                         {"id": "empty", "name": {"zh": "空"}}],
            "services": [_svc("a", "甲"), _svc("b", "乙", category="martian"), _svc("c", "丙", category=None)]}
    cat = build(body)
    assert [c.id for c in cat.categories] == ["c1", OTHER]  # an empty category is not shown
    assert cat.category("c1").icon == "no-such-icon"  # the screen draws a neutral icon for it
    assert cat.category(OTHER).service_ids == ("b", "c")
    assert cat.category_of("b").id == OTHER


def test_paging():
    items = list(range(23))
    assert pages(0, 6) == 1 and pages(23, 6) == 4 and pages(24, 6) == 4
    assert page_slice(items, 0, 6) == ([0, 1, 2, 3, 4, 5], 0, 4)
    assert page_slice(items, 3, 6) == ([18, 19, 20, 21, 22], 3, 4)
    assert page_slice(items, 9, 6)[1:] == (3, 4)  # clamped
    assert page_slice([], 2, 6) == ([], 0, 1)


@pytest.fixture(scope="module")
def index():
    return SearchIndex(build(FULL).services)


def test_every_service_is_found_by_its_pinyin_initials(index):
    """Given the 100-service catalogue, when a resident types a service's pinyin initials, then
    that service is among the first results a page shows."""
    for sid, s in build(FULL).services.items():
        typed = SearchIndex.initials_of(s["name"]["zh"])
        assert sid in index.search(typed)[:6], (sid, typed, index.search(typed)[:6])


def test_search_examples(index):
    assert index.search("SBJF")[0] == "social_insurance_payment"  # 社保缴费
    assert index.search("sbjf") == index.search("SBJF")
    assert index.search("GJJ")[0].startswith("housing_fund")
    assert "no_housing" in index.search("无房")
    assert index.search("证明 无房")[0] == "no_housing"
    assert index.search("passport", "en")[:2] == ["passport_apply", "passport_progress"]
    assert "social_insurance_payment" in index.search("social ins", "en")
    assert index.search("passport", "zh") == []  # English words only in English mode
    assert index.search("") == [] and index.search("QQQQ") == []
    assert "hk_macao_permit" in index.search("WLGA")  # 往来港澳


def test_heteronym_initials():
    """长 reads chang or zhang: either initial finds it."""
    ix = SearchIndex({"a": {"name": {"zh": "长期居住证明"}}})
    assert ix.search("CQ") == ["a"] and ix.search("ZQ") == ["a"]


def test_load_file_refuses_with_reasons(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"services": [{"id": "x", "name": {"zh": "某"}, "kind": "guide"}]}), encoding="utf-8")
    with pytest.raises(CatalogueError) as e:
        from_file(bad)
    assert any(r.startswith("services[0].guide") for r in e.value.reasons)
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not JSON"):
        load_file(tmp_path / "junk.json")
    with pytest.raises(CatalogueError, match="cannot read"):
        from_file(tmp_path / "missing.json")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"services": [_svc("x", "某证明")]}), encoding="utf-8")
    assert from_file(good)["version"].startswith("sandbox-")
