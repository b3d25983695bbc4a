"""The search index lets go of pypinyin once built: its phrase dictionary (about 45 MB resident)
stayed in the kiosk for good before, a third of the soak's kiosk/bare-window memory ratio."""
import sys

from kiosk.catalogue_search import SearchIndex
from kiosk.sandbox.catalogue import FULL


def _pypinyin_loaded() -> bool:
    return any(m == "pypinyin" or m.startswith("pypinyin.") for m in sys.modules)


def test_index_unloads_pypinyin_and_still_finds():
    services = {s["id"]: s for s in FULL["services"]}
    index = SearchIndex(services)
    assert not _pypinyin_loaded()
    assert "social_insurance_payment" in index.search("SBJF")
    # the names just indexed are answered without loading it again
    name = services["social_insurance_payment"]["name"]["zh"]
    assert SearchIndex.initials_of(name) == "SHBXJFZM"
    assert not _pypinyin_loaded()


def test_initials_of_an_unindexed_text_loads_and_unloads():
    assert SearchIndex.initials_of("银行卡挂失") == "YHKGS"  # 行 read háng in 银行: the phrase reading
    assert not _pypinyin_loaded()
    again = SearchIndex({"x": {"name": {"zh": "银行卡挂失"}}})
    assert again.search("YHK") == ["x"]
    assert not _pypinyin_loaded()
