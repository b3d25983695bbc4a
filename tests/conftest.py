"""Shared test set-up. Qt runs offscreen; area-specific fixtures live in each tests/<area>/.

The run also ends: once pytest has reported, threads that would keep the interpreter from
exiting (a thread pool's worker stuck in a task, a non-daemon thread) are named with their
stacks, and if the process has still not exited a minute later it exits with pytest's own
status. A stuck leftover thread is then a printed problem, not a run that never ends.
"""
import os
import sys
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXIT_GRACE_S = float(os.environ.get("TESTS_EXIT_GRACE_S", "60"))


def _lingering() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon and t.is_alive()]


def pytest_unconfigure(config):
    import faulthandler

    status = getattr(config, "_exit_status", 0)
    sys.stdout.flush()
    sys.stderr.flush()

    def watchdog():
        deadline = threading.Event()
        if deadline.wait(EXIT_GRACE_S):
            return
        names = ", ".join(t.name for t in _lingering()) or "none (a daemon thread or an exit handler)"
        print(f"\ntests/conftest.py: the run did not exit {EXIT_GRACE_S:g} s after its report; "
              f"non-daemon threads still alive: {names}; their stacks:", file=sys.__stderr__, flush=True)
        faulthandler.dump_traceback(file=sys.__stderr__, all_threads=True)
        sys.stderr.flush()
        os._exit(status)

    threading.Thread(target=watchdog, name="tests-exit-watchdog", daemon=True).start()
    # the last resort, from C, should the GIL itself be held by a stuck thread
    faulthandler.dump_traceback_later(EXIT_GRACE_S * 2, exit=True, file=sys.__stderr__)


def pytest_sessionfinish(session, exitstatus):
    session.config._exit_status = int(exitstatus)
    lingering = _lingering()
    if lingering:
        print(f"\ntests/conftest.py: threads left running after the run: {', '.join(t.name for t in lingering)}",
              file=sys.__stderr__, flush=True)
