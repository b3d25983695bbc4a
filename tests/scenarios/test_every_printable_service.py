"""Every printable service of the sandbox catalogue prints end to end, by ID card and by the
e福州 identity code, with no code of its own (issue 13: the generic certificate flow).

One script per service is written from the catalogue and played by the scenario runner: the
service reached from home as a resident would (category, paging or search), identified first with
the card of zhang and then, in a second visit, with lin's e福州 code; each visit must print one
sheet and end at home. The scripts are played by a few runner processes side by side, once.
"""
from __future__ import annotations

import pytest

from kiosk.sandbox.catalogue import FULL
from tests.scenarios.playing import play

PRINTABLE = [s["id"] for s in FULL["services"] if s.get("kind", "print") == "print"]

VISIT = """service {sid}
expect screen identify
{identify}
expect screen consent
tap agree
expect screen preview
tap print
expect screen receipt
expect job printed
expect sheets document {sheets}
{lift}tap next
rate 1
expect screen done
tap finish
expect screen home
"""


def _script(sid: str) -> str:
    by_card = VISIT.format(sid=sid, identify="card zhang", sheets=1, lift="card-remove\n")
    by_code = VISIT.format(sid=sid, identify="scan efz://id?token=EFZ-DEMO-LIN", sheets=2, lift="")
    return f"# {sid}: by ID card, then by e福州 code\n{by_card}{by_code}"


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("printable")
    scripts = []
    for sid in PRINTABLE:
        path = folder / f"{sid}.scn"
        path.write_text(_script(sid), encoding="utf-8")
        scripts.append(path)
    # Four runners on two cores, each sandbox rendering every document anew (a service is not
    # printed twice for one resident): the platform gets more than the terminal's usual 5 s.
    return {path.stem: line for path, line in play(scripts, "--platform-timeout", "12").items()}


def test_the_catalogue_has_enough_printable_services():
    assert len(PRINTABLE) >= 30


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("sid", PRINTABLE)
def test_every_printable_service_prints_by_card_and_by_code(played, sid):
    line = played[sid]
    assert line["failed_step"] is None, line["failed_step"]
    assert line["ok"] and not line["frozen"]
    assert line["sheets"]["document"] == 2
    assert len(line["jobs"]) == 2
    assert all(job["state"] in ("printed", "reported") for job in line["jobs"]), line["jobs"]
    assert line["platform_events"].get("job.printed") == 2
