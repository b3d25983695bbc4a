"""The kiosk process's exit statuses, and what systemd does with each (deploy/efz-kiosk.service:
``Restart=always``, ``RestartPreventExitStatus=64``). The exit codes of ``python -m kiosk.diag``
are its own (kiosk/diag/__init__.py)."""

#: a technician chose "restart the kiosk": a clean exit, which Restart=always follows with a fresh start
EXIT_TECHNICIAN_RESTART = 0
#: a technician chose "exit to the desktop": listed in RestartPreventExitStatus=, so systemd leaves it
EXIT_TO_DESKTOP = 64
#: the kiosk asks to be started afresh (the daily restart at ``schedule.restart_at``, or another
#: try after "out of service"): EX_TEMPFAIL, which Restart=always brings back
EXIT_START_AFRESH = 75
