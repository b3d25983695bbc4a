"""After real visits, nothing personal is in /metrics or in the monitoring events (issue 18)."""
from __future__ import annotations

import json

import requests

from drivers.sim import people
from tests.flows.conftest import Terminal, terminal  # noqa: F401 - the flow tests' kiosk fixture


def _metrics(t: Terminal) -> str:
    server = t.kiosk.monitoring.server
    return requests.get(f"http://127.0.0.1:{server.port}/metrics", timeout=10).text


def test_no_name_id_number_or_pickup_code_in_metrics_after_a_visit(terminal):  # noqa: F811
    """Given the demo's visits (a certificate and a business licence, rated) and a resident who
    leaves with a pickup code while the platform is down, when /metrics is scraped and the
    events are delivered, then the visits, ratings and sheets are counted, and no label or value
    of /metrics and no heartbeat or device.status holds the name, the ID number, the subject,
    the pickup code, the company or its credit code, or a licence sheet's serial."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from kiosk.demo import DemoVisit

    t = terminal
    zhang = people.resident("zhang")
    t.wait_licence_jobs(1)
    licences = [(j.data.get("company"), j.data.get("credit_code")) for j in t.kiosk.store.jobs(kind="licence")]
    assert licences and all(all(pair) for pair in licences)
    demo = DemoVisit(QApplication.instance(), t.kiosk, t.rig, Path(t.rig.root) / "shots")
    demo.shots.mkdir(parents=True, exist_ok=True)
    demo.certificate()  # the demo's own visits: a certificate, then a business licence
    subject = t.kiosk.store.jobs(kind="certificate")[0].subject
    demo.licence()

    t.rig.sandbox.network_down()
    t.choose("no_housing")
    t.rig.card.place("zhang")
    t.wait_state("offline_offer", timeout=60000)
    t.click(t.screen("offline_offer").accept)
    t.wait_state("queued")
    code = t.session.visit.pickup_code
    t.qtbot.waitUntil(lambda: t.session.visit.receipt_ok is not None, timeout=20000)
    t.click(t.screen("queued").next)
    t.wait_state("rating")
    t.click(t.screen("rating").skip)
    t.wait_state("done")
    t.click(t.screen("done").finish)
    t.wait_state("home")
    t.rig.card.remove()
    t.rig.sandbox.network_up()

    t.qtbot.waitUntil(lambda: 'efz_visits_total{outcome="queued"} 1.0' in _metrics(t), timeout=30000)
    text = _metrics(t)
    assert 'efz_visits_total{outcome="printed"} 2.0' in text
    assert 'efz_ratings_total{level="very_satisfied"} 1.0' in text and 'efz_ratings_total{level="satisfied"} 1.0' in text
    assert 'efz_sheets_printed_total{printer="document"} 1.0' in text
    assert 'efz_sheets_printed_total{printer="licence"} 0.0' not in text
    t.wait_event("terminal.heartbeat")
    t.wait_event("device.status")
    monitored = json.dumps([e for e in t.rig.sandbox.events if e["type"] in ("terminal.heartbeat", "device.status")],
                           ensure_ascii=False)
    secrets = [zhang.name, zhang.id_number, zhang.id_number[-6:], subject, code,
               *[part for pair in licences for part in pair], "3501000101"]
    for secret in filter(None, secrets):
        assert secret not in text, secret
        assert secret not in monitored, secret
