"""Scenario scripts played headlessly on a fresh simulated terminal: ``python -m kiosk.scenario``.

The format and the JSON line are a contract (docs/scenario.md). The parts: script.py (the text
format), steps.py (the table of steps), visit_steps.py and faults.py (what plays them),
terminal.py (the simulated terminal), report.py (the JSON line), runner.py (one script).
"""
