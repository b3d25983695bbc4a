"""A real Prometheus scrapes two simulated terminals; the park's rules and dashboard hold."""
from __future__ import annotations

import json
import re
import subprocess

import yaml

from tests.monitoring.core import wait_for
from tests.monitoring.prometheus_server import DEPLOY

PAPER_OUT = 'efz_device_state{device="document",state="paper_out"} == 1'


def _result(prom, expr):
    answer = prom.query(expr)
    assert answer["status"] == "success", (expr, answer)
    return answer["data"]["result"]


def test_a_paper_out_shows_for_that_terminal_only_and_fires_the_alert(park):
    """Given two terminals scraped by Prometheus, when the document printer of one runs out of
    paper, then the query API shows the paper_out state for that terminal only, and the
    EfzPaperOut alert fires for it."""
    prom, (one, two) = park
    wait_for(lambda: len(_result(prom, 'up{job="efz-kiosk"} == 1')) == 2, what="both terminals scraped")
    wait_for(lambda: len(_result(prom, 'efz_device_state{device="document",state="ok"} == 1')) == 2,
             what="both printers ok")
    assert _result(prom, PAPER_OUT) == []
    one.set_paper("document", "out")
    hits = wait_for(lambda: _result(prom, PAPER_OUT), what="paper_out in Prometheus")
    assert [h["metric"]["terminal"] for h in hits] == [one.id]
    firing = wait_for(lambda: [a for a in prom.alerts() if a["labels"]["alertname"] == "EfzPaperOut"
                               and a["state"] == "firing"], what="EfzPaperOut firing")
    assert [a["labels"]["terminal"] for a in firing] == [one.id]
    assert "Load paper" in firing[0]["annotations"]["action"] and firing[0]["labels"]["location"] == "测试园区"
    assert _result(prom, 'efz_device_state{device="document",state="paper_out",terminal="%s"}' % two.id)[0]["value"][1] == "0"


def _expressions():
    exprs = []
    rules = yaml.safe_load((DEPLOY / "rules" / "efz-alerts.yml").read_text("utf-8"))
    exprs += [("rule " + r["alert"], r["expr"]) for g in rules["groups"] for r in g["rules"]]
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "efz-park.json").read_text("utf-8"))
    for panel in dashboard["panels"]:
        exprs += [(f"panel {panel['title']} {t['refId']}", t["expr"]) for t in panel.get("targets", [])]
    for var in dashboard["templating"]["list"]:
        m = re.fullmatch(r"label_values\((\w+), *\w+\)", var["query"]["query"])
        exprs.append((f"variable {var['name']}", m.group(1)))
    return exprs


def _grafana_variables(expr: str) -> str:
    return expr.replace("$location", ".*").replace("$__range", "1h").replace("$__rate_interval", "1m")


def test_every_rule_and_dashboard_expression_evaluates(park):
    prom, _ = park
    exprs = _expressions()
    assert len(exprs) >= 20
    wait_for(lambda: _result(prom, "efz_build_info"), what="samples")
    for where, expr in exprs:
        answer = prom.query(_grafana_variables(expr))
        assert answer["status"] == "success", (where, expr, answer.get("error"))
    # the terminal table has its rows: the version, and each device's state as a label
    table = dict(exprs)
    versions = _result(prom, _grafana_variables(table["panel Terminals A"]))
    assert {r["metric"]["terminal"] for r in versions} == {"FZ-PARK-0001", "FZ-PARK-0002"}
    assert all(r["metric"]["version"] for r in versions)
    documents = _result(prom, _grafana_variables(table["panel Terminals D"]))
    assert len(documents) == 2 and all(r["metric"]["document"] in ("ok", "paper_out") for r in documents)


def test_promtool_checks_the_park_config_rules_and_their_tests():
    for args in (["check", "config", "prometheus.yml"], ["check", "rules", "rules/efz-alerts.yml"],
                 ["test", "rules", "rules/efz-alerts.test.yml"]):
        done = subprocess.run(["promtool", *args], cwd=DEPLOY, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (args, done.stdout + done.stderr)


def test_rule_tests_are_current_and_cover_every_alert():
    from tests.monitoring import rule_tests

    assert (DEPLOY / "rules" / "efz-alerts.test.yml").read_text("utf-8") == rule_tests.text()
    for path in (DEPLOY / "grafana" / "provisioning").rglob("*.yml"):
        assert yaml.safe_load(path.read_text("utf-8"))["apiVersion"] == 1
    for path in (DEPLOY / "terminals").glob("*.yml"):
        for entry in yaml.safe_load(path.read_text("utf-8")):
            assert entry["targets"] and {"terminal", "name", "location"} <= set(entry["labels"])
