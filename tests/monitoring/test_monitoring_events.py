"""terminal.heartbeat and device.status reach the platform with valid data (issue 18)."""
from __future__ import annotations

from drivers.base import DeviceState, DeviceStatus
from kiosk.monitoring.device_states import Debouncer, classify
from kiosk.sandbox.event_schemas import check_event
from tests.monitoring.core import wait_for


def _of(sandbox, type_):
    return [e for e in sandbox.events if e["type"] == type_]


def test_heartbeats_and_device_changes_arrive_with_valid_data(make_core, sandbox):
    """Given a running terminal core, when its document printer runs out of paper and is
    refilled, then the platform has heartbeats and one device.status per change, every one
    valid by the schema, none parked, and the heartbeat says how the devices stand."""
    core = make_core().start()
    wait_for(lambda: _of(sandbox, "terminal.heartbeat"), what="a first heartbeat")
    wait_for(lambda: {"document", "licence"} <= {e["data"]["device"] for e in _of(sandbox, "device.status")},
             what="the printers' first states")
    core.set_paper("document", "out")
    wait_for(lambda: any(e["data"]["state"] == "paper_out" for e in _of(sandbox, "device.status")),
             what="paper_out reported")
    core.set_paper("document", "ok")
    wait_for(lambda: [e["data"]["state"] for e in _of(sandbox, "device.status")
                      if e["data"]["device"] == "document"][-1:] == ["ok"], what="ok again")
    documents = [e["data"] for e in _of(sandbox, "device.status") if e["data"]["device"] == "document"]
    assert [d["state"] for d in documents] == ["ok", "paper_out", "ok"]
    assert documents[1]["code"] == "media-empty" and documents[1]["previous"] == "ok"
    beat = wait_for(lambda: [e for e in _of(sandbox, "terminal.heartbeat")
                             if e["data"]["devices"].get("document", {}).get("state") == "ok"
                             and "licence" in e["data"]["devices"]], what="a heartbeat with the devices")[-1]["data"]
    assert beat["version"] and beat["visit_in_progress"] is False and beat["outbox_depth"] >= 0
    assert set(beat["paper"]) == {"document", "licence"}
    for event in sandbox.events:
        assert check_event(event) == [], event
    assert core.store.outbox_stats()["parked"] == 0


def test_the_sandbox_refuses_a_malformed_heartbeat_and_the_outbox_parks_it(make_core, sandbox):
    """Given a heartbeat carrying a field the schema does not have (a name), when it is sent,
    then the platform answers 422 and the terminal parks it instead of retrying forever."""
    core = make_core(heartbeat_s=3600)
    core.store.add_event("terminal.heartbeat", {"version": "1", "name": "张三"})
    core.store.add_event("device.status", {"device": "document", "state": "melted", "code": "x", "since": "t"})
    report = core.sync.run_until_drained(20, outbox_only=True)
    assert report.drained and core.store.outbox_stats()["parked"] == 2
    assert [r.status for r in sandbox.requests if r.path.endswith("/events")].count(422) >= 2


def test_heartbeats_coalesce_through_an_hour_offline(make_core, sandbox):
    """Given a terminal whose platform is down, when an hour of heartbeats (one a minute, on a
    controlled clock) pile up, then one heartbeat waits in the outbox, the newest, and it is
    the one the platform gets when it is back."""
    core = make_core(heartbeat_s=60)
    clock = [1_800_000_000.0]
    from kiosk.monitoring.monitor import Monitor

    monitor = Monitor(core.store, core.devices, sync_state=lambda: core.sync.state,
                      storage_dir=core.config.storage.dir, heartbeat_s=60, clock=lambda: clock[0])
    sandbox.network_down()
    for _ in range(61):
        clock[0] += 60
        monitor.tick()
        core.sync.run_cycle()
    assert monitor.heartbeats == 61
    pending = [e for e in core.store.pending_events(1000) if e.type == "terminal.heartbeat"]
    assert len(pending) == 1 and pending[0].data["uptime_s"] == 61 * 60
    sandbox.network_up()
    assert core.sync.run_until_drained(20).drained
    beats = _of(sandbox, "terminal.heartbeat")
    assert len(beats) == 1 and beats[0]["data"]["uptime_s"] == 61 * 60


def test_a_flapping_device_is_reported_once_it_settles():
    """Given a 2 s hold, when a printer flaps out/ok within it and then stays out, then one
    paper_out is reported, dated from when it began."""
    d = Debouncer(2.0)
    d.observe("document", "ok", "ok", 0.0)
    assert [(n, r.state) for n, r, _ in d.due(2.0)] == [("document", "ok")]
    d.observe("document", "paper_out", "media-empty", 10.0)
    d.observe("document", "ok", "ok", 10.5)
    assert d.due(13.0) == []
    d.observe("document", "paper_out", "media-empty", 20.0)
    assert d.due(21.0) == [] and d.next_due() == 22.0
    [(name, report, old)] = d.due(22.5)
    assert (name, report.state, report.since, old.state) == ("document", "paper_out", 20.0, "ok")
    assert d.due(30.0) == []


def test_device_states_in_the_monitoring_vocabulary():
    assert classify(DeviceStatus(DeviceState.STARTING)) is None
    assert classify(DeviceStatus(DeviceState.ONLINE, {"paper": "ok"})) == ("ok", "ok")
    assert classify(DeviceStatus(DeviceState.BUSY)) == ("ok", "ok")
    assert classify(DeviceStatus(DeviceState.ONLINE, {"paper": "low"})) == ("paper_low", "media-low")
    assert classify(DeviceStatus(DeviceState.ONLINE, {"paper": "near_end"})) == ("paper_low", "media-low")
    assert classify(DeviceStatus(DeviceState.ONLINE, {"paper": "out"})) == ("paper_out", "media-empty")
    assert classify(DeviceStatus(DeviceState.HARDWARE_ERROR, {"paper": "jammed"})) == ("jam", "media-jam")
    door_open = {"paper": "ok", "reasons": "door-open"}
    assert classify(DeviceStatus(DeviceState.HARDWARE_ERROR, door_open)) == ("error", "door-open")
    sam_failed = DeviceStatus(DeviceState.HARDWARE_ERROR, message="SAM self-test failed at /dev/x")
    assert classify(sam_failed) == ("error", "hardware_error")
    assert classify(DeviceStatus(DeviceState.NO_DEVICE, message="/dev/ttyUSB0 missing")) == ("offline", "no_device")
    assert classify(DeviceStatus(DeviceState.OFFLINE, {"reasons": "offline,timed-out"})) == ("offline", "offline")
    assert classify(DeviceStatus(DeviceState.USER_ERROR)) == ("ok", "user_error")


def test_the_api_document_holds_the_schemas_the_sandbox_checks():
    """docs/platform-api.yaml's HeartbeatData and DeviceStatusData are the sandbox's schemas,
    with descriptions and references resolved."""
    from pathlib import Path

    import yaml

    from kiosk.sandbox import event_schemas as es

    doc = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "platform-api.yaml").read_text("utf-8"))
    schemas = doc["components"]["schemas"]

    def plain(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return plain(schemas[node["$ref"].rsplit("/", 1)[-1]])
            return {k: plain(v) for k, v in node.items() if k != "description"}
        return [plain(v) for v in node] if isinstance(node, list) else node

    assert plain(schemas["HeartbeatData"]) == es.HEARTBEAT_DATA
    assert plain(schemas["DeviceStatusData"]) == es.DEVICE_STATUS_DATA


def test_a_refill_recorded_with_the_cli_restarts_the_count(make_core, tmp_path):
    """Given a printer that printed 7 sheets, when the technician runs ``kiosk.diag refill
    document --sheets 300``, then the terminal reports 0 since the refill and 300 left; after
    3 more sheets, 3 and 297; an unknown printer is refused in one line."""
    import subprocess
    import sys

    import tomli_w

    core = make_core(heartbeat_s=3600)
    core.monitor.paper.add("document", 7)
    assert core.monitor.tick().paper["document"].since_refill == 7
    cfg_file = tmp_path / "cli.toml"
    cfg_file.write_text(tomli_w.dumps({"storage": {"dir": str(core.config.storage.dir)}, "devices": {
        "document": {"driver": "file", "dir": str(tmp_path / "p")}}}), encoding="utf-8")
    run = [sys.executable, "-m", "kiosk.diag", "refill", "--config", str(cfg_file)]
    done = subprocess.run(run + ["document", "--sheets", "300", "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    import json

    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["printer"] == "document" and out["sheets_loaded"] == 300 and out["printed_since_previous_refill"] == 7
    paper = core.monitor.tick().paper["document"]
    assert (paper.since_refill, paper.remaining, paper.total) == (0, 300, 7)
    core.monitor.paper.add("document", 3)
    paper = core.monitor.tick().paper["document"]
    assert (paper.since_refill, paper.remaining, paper.total) == (3, 297, 10)
    bad = subprocess.run(run + ["toaster"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "not a configured printer" in bad.stderr and "Traceback" not in bad.stderr
