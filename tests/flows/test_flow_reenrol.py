"""Re-enrolment (a new platform secret) keeps what residents are holding pickup codes for: the
data at rest is keyed with the terminal's local data key, not with the platform secret."""
from __future__ import annotations

import os

from tests.flows.conftest import Terminal, _start
from tests.flows.test_flow_pickup import _button, _collect


def test_a_pickup_held_before_a_re_enrolment_still_prints_after_it(qtbot, tmp_path):
    """Given a certificate kept for pickup (the printer ran out of paper; its document cached),
    when the technician enrols a new platform secret and the kiosk restarts, then the resident
    still collects and prints it with the code and the same card."""
    from kiosk.app import Kiosk
    from kiosk.technician import enrol, make_enrolment_code

    rig, kiosk = _start(qtbot, tmp_path / "terminal")
    try:
        t = Terminal(qtbot, rig, kiosk)
        t.wait_ready()
        t.choose("social_insurance_payment")
        rig.card.place("zhang")
        t.wait_state("consent")
        t.click(t.screen("consent").agree)
        t.wait_state("preview")
        rig.set_paper("document", "out")
        t.click(t.screen("preview").print_btn)
        t.wait_state("error")
        code = t.session.visit.pickup_code
        job = kiosk.store.find_job(pickup_code=code)
        assert job.state.value == "ready" and kiosk.store.has_document(job.id)
        t.click(_button(t.screen("error"), "结束办理"))
        t.rate("dissatisfied", ("print_failed",))
        rig.card.remove()

        new_secret = os.urandom(32)
        rig.sandbox.add_terminal(rig.config.terminal.id, new_secret)
        enrol(rig.config.terminal.secret_file, make_enrolment_code(new_secret), store=kiosk.store)
        kiosk.stop()
        kiosk.window.close()

        kiosk = Kiosk(rig.config)  # the restart after enrolment
        qtbot.addWidget(kiosk.window)
        kiosk.start(show=False)
        kiosk.window.resize(1920, 1080)
        with qtbot.waitExposed(kiosk.window):
            kiosk.window.show()
        t = Terminal(qtbot, rig, kiosk)
        rig.set_paper("document", "ok")
        t.wait_ready()
        _collect(t, code)
        assert len(rig.printed_pdfs()) == 1
        t.click(t.screen("receipt").next)
        t.rate("satisfied")
        assert t.wait_event("job.printed")[-1]["data"]["service_id"] == "social_insurance_payment"
    finally:
        kiosk.stop()
        rig.stop()
