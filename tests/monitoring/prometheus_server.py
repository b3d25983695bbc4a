"""A real Prometheus (Debian's package) for the tests: own config, own data directory, a free
port; the park's alert rules with every ``for:`` shortened so that they fire within seconds."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import requests
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "monitoring"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def short_rules(target: Path, for_: str = "1s") -> Path:
    doc = yaml.safe_load((DEPLOY / "rules" / "efz-alerts.yml").read_text("utf-8"))
    for group in doc["groups"]:
        group["interval"] = "1s"
        for rule in group["rules"]:
            if "for" in rule:
                rule["for"] = for_
    target.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return target


class Prometheus:
    def __init__(self, root: Path, targets: list[dict]):
        self.root = Path(root)
        self.targets = targets
        self.port = None
        self.proc = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Prometheus":
        binary = shutil.which("prometheus")
        if binary is None:
            raise RuntimeError("prometheus is not installed (deploy/system-packages.txt; make setup installs it)")
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "terminals.yml").write_text(yaml.safe_dump(self.targets, allow_unicode=True), encoding="utf-8")
        short_rules(self.root / "rules.yml")
        config = {"global": {"scrape_interval": "1s", "evaluation_interval": "1s", "scrape_timeout": "1s"},
                  "rule_files": ["rules.yml"],
                  "scrape_configs": [{"job_name": "efz-kiosk",
                                      "file_sd_configs": [{"files": ["terminals.yml"], "refresh_interval": "1s"}]}]}
        (self.root / "prometheus.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        self.port = _free_port()
        self.log = open(self.root / "prometheus.log", "wb")
        self.proc = subprocess.Popen(
            [binary, f"--config.file={self.root / 'prometheus.yml'}", f"--storage.tsdb.path={self.root / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.root)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"prometheus exited: {(self.root / 'prometheus.log').read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/-/ready", timeout=2).status_code == 200:
                    return self
            except requests.exceptions.ConnectionError:
                pass
            time.sleep(0.1)
        raise RuntimeError("prometheus did not become ready")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc is not None:
            self.log.close()

    def query(self, expr: str) -> dict:
        """The API's answer to an instant query (``status`` "success" or "error")."""
        return requests.get(self.url + "/api/v1/query", params={"query": expr}, timeout=10).json()

    def alerts(self) -> list[dict]:
        return requests.get(self.url + "/api/v1/alerts", timeout=10).json()["data"]["alerts"]
