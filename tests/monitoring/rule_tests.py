"""The promtool unit tests of deploy/monitoring/rules/efz-alerts.yml, written from the cases
below with each alert's annotations rendered from the rule file (promtool compares them
exactly). Regenerate after changing the rules:

    python -m tests.monitoring.rule_tests > deploy/monitoring/rules/efz-alerts.test.yml

``test_rule_tests_are_current`` fails when the committed file is stale.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

RULES = Path(__file__).resolve().parents[2] / "deploy" / "monitoring" / "rules" / "efz-alerts.yml"
TEST_FILE = RULES.with_name("efz-alerts.test.yml")

A = {"job": "efz-kiosk", "instance": "10.20.0.11:9464", "terminal": "FZ-GX-0001", "name": "创新园 A座 大厅",
     "location": "福州高新区 创新园 A座 1F"}
B = {"job": "efz-kiosk", "instance": "10.20.0.12:9464", "terminal": "FZ-GX-0002", "name": "创新园 B座 服务站",
     "location": "福州高新区 创新园 B座 2F"}


def series(metric: str, labels: dict, values: str) -> dict:
    inner = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    return {"series": f"{metric}{{{inner}}}", "values": values}


# alert → (input series, [(eval time, [labels of each expected alert])])
CASES = {
    "EfzTerminalDown": (
        [series("up", A, "1 1 0x10"), series("up", B, "1x12")],
        [("4m", []), ("8m", [A])]),
    "EfzPlatformUnreachable": (
        [series("efz_platform_online", A, "1 0x15"), series("efz_platform_online", B, "1x16")],
        [("9m", []), ("12m", [A])]),
    "EfzPaperOut": (
        [series("efz_device_state", {**A, "device": "document", "state": "paper_out"}, "0 1x5"),
         series("efz_device_state", {**A, "device": "document", "state": "ok"}, "1 0x5"),
         series("efz_device_state", {**B, "device": "document", "state": "paper_out"}, "0x6")],
        [("1m", []), ("3m", [{**A, "device": "document", "state": "paper_out"}])]),
    "EfzPaperLow": (
        [series("efz_device_state", {**A, "device": "licence", "state": "paper_low"}, "1x10"),
         series("efz_device_state", {**B, "device": "licence", "state": "paper_low"}, "0x10")],
        [("3m", []), ("6m", [{**A, "device": "licence", "state": "paper_low"}])]),
    "EfzPaperRunningOut": (
        [series("efz_paper_remaining_sheets", {**A, "printer": "document"}, "100-10x8 20x8"),
         series("efz_paper_remaining_sheets", {**B, "printer": "document"}, "400x12")],
        [("10m", []), ("14m", [{**A, "printer": "document"}])]),
    "EfzPrinterJam": (
        [series("efz_device_state", {**B, "device": "licence", "state": "jam"}, "0 1x5"),
         series("efz_device_state", {**A, "device": "licence", "state": "jam"}, "0x6")],
        [("1m", []), ("3m", [{**B, "device": "licence", "state": "jam"}])]),
    "EfzOutboxGrowing": (
        [series("efz_outbox_depth", A, "1+1x40"), series("efz_outbox_depth", B, "3x40")],
        [("20m", []), ("35m", [A])]),
    "EfzJobNeedsVerification": (
        [series("efz_jobs", {**A, "state": "needs_verification"}, "0 1x5"),
         series("efz_jobs", {**A, "state": "ready"}, "2x6")],
        [("1m", []), ("3m", [{**A, "state": "needs_verification"}])]),
    "EfzDiskLow": (
        [series("efz_disk_free_bytes", A, "2000000000 500000000x10"),
         series("efz_disk_free_bytes", B, "2000000000x11")],
        [("4m", []), ("8m", [A])]),
    "EfzMemoryGrowing": (
        [series("process_resident_memory_bytes", A, "100000000+100000x2000"),
         series("process_resident_memory_bytes", B, "100000000x2000")],
        [("20h", []), ("31h", [A])]),
    "EfzVersionsDrifting": (
        [series("efz_build_info", {**A, "version": "2026.11.2"}, "1x100"),
         series("efz_build_info", {**B, "version": "2026.12.1"}, "1x100")],
        [("30m", []), ("70m", [{}])]),
}


def _render(template: str, labels: dict) -> str:
    return re.sub(r"\{\{\s*\$labels\.(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template)


def build() -> dict:
    rules = {r["alert"]: r for g in yaml.safe_load(RULES.read_text("utf-8"))["groups"] for r in g["rules"]}
    missing = set(rules) ^ set(CASES)
    if missing:
        raise SystemExit(f"alerts without a case, or cases without an alert: {sorted(missing)}")
    tests = []
    for name, (inputs, checks) in CASES.items():
        rule = rules[name]
        alert_tests = []
        for at, expected in checks:
            exp = []
            for labels in expected:
                all_labels = {**labels, **rule.get("labels", {})}
                exp.append({"exp_labels": all_labels,
                            "exp_annotations": {k: _render(v, all_labels) for k, v in rule["annotations"].items()}})
            alert_tests.append({"eval_time": at, "alertname": name, "exp_alerts": exp})
        tests.append({"name": name, "interval": "1m", "input_series": inputs, "alert_rule_test": alert_tests})
    return {"rule_files": [RULES.name], "evaluation_interval": "1m", "tests": tests}


def text() -> str:
    head = ("# promtool test rules efz-alerts.test.yml — one test per alert of efz-alerts.yml.\n"
            "# Written by: python -m tests.monitoring.rule_tests > deploy/monitoring/rules/efz-alerts.test.yml\n")
    return head + yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=120)


if __name__ == "__main__":
    print(text(), end="")
