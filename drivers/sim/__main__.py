"""``python -m drivers.sim NAME [options]``: run one device simulator from a shell.

Each simulator module exposes ``cli(argv) -> int``; the interactive ones run their console with
drivers/sim/console.py.
"""
from __future__ import annotations

import importlib
import sys

SIMULATORS = {
    "idcard": ("drivers.sim.ga467_sim", "GA 467 ID card reader on a pty"),
    "scanner": ("drivers.sim.scanner_sim", "serial QR scanner on a pty"),
    "camera": ("drivers.sim.camera_sim", "camera source made of generated QR images"),
    "receipt": ("drivers.sim.escpos_sim", "ESC/POS receipt printer on TCP, rendering to PNG"),
    "ssse": ("drivers.sim.ssse_card", "social security card for the vpcd virtual reader"),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in SIMULATORS:
        print("usage: python -m drivers.sim NAME [options]\n\nsimulators:", file=sys.stderr)
        for name, (_, text) in SIMULATORS.items():
            print(f"  {name:9} {text}", file=sys.stderr)
        return 2
    module = importlib.import_module(SIMULATORS[argv[0]][0])
    return module.cli(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
