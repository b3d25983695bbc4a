"""Licence serials, printer failures that keep a certificate for pickup, retries, scanned codes."""
from drivers.base import DeviceEvent, EventKind
from kiosk import inputs
from kiosk.session import Session, SessionState, normalise_serial, serial_problem


def licence_session(originals=1, duplicates=2):
    s = Session(clock=lambda: 100.0)
    effects = []
    s.on_effect(effects.append)
    s.dispatch("choose_licence", service_id="business_licence")
    s.dispatch("licence_found", job_id="J1", licence={"originals": originals, "duplicates": duplicates})
    s.state = SessionState.PRINTING
    return s, effects


def test_serials_are_checked_and_recorded_with_the_receipt():
    s, effects = licence_session()
    assert s.dispatch("licence_printed")
    assert s.state == SessionState.LICENCE_SERIALS and s.licence_sheets() == 3
    s.dispatch("add_serial", serial="No.3501000001")
    s.dispatch("add_serial", serial="12")
    assert s.visit.serial_problem == "bad_serial"
    s.dispatch("add_serial", serial="3501000001")
    assert s.visit.serial_problem == "duplicate_serial"
    s.dispatch("add_serial", serial="3501000002")
    s.dispatch("add_serial", serial="3501000003")
    s.dispatch("add_serial", serial="3501000004")
    assert s.visit.serial_problem == "too_many_serials"
    assert s.visit.serials == ["3501000001", "3501000002", "3501000003"]
    s.dispatch("remove_serial")
    assert s.visit.serials == ["3501000001", "3501000002"]
    s.dispatch("add_serial", serial="3501000003")
    s.dispatch("record_serials")
    assert s.state == SessionState.RECEIPT
    record = next(e for e in effects if e.name == "record_serials")
    assert record.args["complete"] is True and record.args["serials"][-1] == "3501000003"
    assert any(e.name == "print_receipt" for e in effects)


def test_leaving_before_the_serials_are_entered_still_records_the_print():
    s, effects = licence_session()
    s.dispatch("licence_printed")
    s.dispatch("add_serial", serial="3501000001")
    s.dispatch("idle_timeout")
    assert s.state == SessionState.HOME
    record = next(e for e in effects if e.name == "record_serials")
    assert record.args == {"job_id": "J1", "serials": ["3501000001"], "complete": False,
                           "originals": 1, "duplicates": 2, "missing": {}}
    assert not any(e.name == "abandon" for e in effects)


def test_a_failed_print_with_a_pickup_code_prints_a_receipt_and_keeps_the_job():
    s = Session(clock=lambda: 1.0)
    effects = []
    s.on_effect(effects.append)
    s.state = SessionState.PRINTING
    s.visit.job_id = "J9"
    s.dispatch("print_failed", reason="paper_out", pickup_code="12345670")
    assert s.state == SessionState.ERROR and s.visit.pickup_code == "12345670"
    assert effects[-1].name == "print_receipt" and effects[-1].args["kind"] == "kept"
    s.dispatch("home")
    assert not any(e.name == "abandon" for e in effects)


def test_retry_intents_go_back_to_the_right_entry():
    s = Session()
    s.dispatch("choose_licence")
    s.dispatch("licence_not_found", reason="licence_not_found")
    assert s.dispatch("retry_code") and s.state == SessionState.LICENCE_CODE and s.visit.error is None
    s.dispatch("home")
    s.dispatch("choose_pickup")
    s.dispatch("pickup_not_found")
    assert s.dispatch("retry_pickup") and s.state == SessionState.PICKUP_CODE


def event(text):
    return DeviceEvent(device="qr_serial", kind=EventKind.CODE_SCANNED, data={"text": text})


def test_scanned_codes_of_the_wrong_kind_are_explained():
    s = Session()
    s.dispatch("choose_licence")
    assert inputs.route(s, event("hello"), device_class="code_scanner") == "code_problem"
    assert s.visit.card_error == "unknown_code"
    from kiosk.codes import new_pickup_code

    assert inputs.route(s, event(f"efz://pickup?code={new_pickup_code()}"), device_class="code_scanner") == "code_problem"
    assert s.visit.card_error == "wrong_code_licence_notice"
    s.dispatch("home")
    s.dispatch("choose_licence")
    s.dispatch("licence_found", job_id="J1", licence={})
    assert inputs.route(s, event("efz://id?token=EFZ-DEMO-ZHANG"), device_class="code_scanner") == "card_error"
    assert s.visit.card_error == "card_only"


def test_serial_rules():
    assert normalise_serial(" no.3501 000 123 ") == "3501000123"
    assert serial_problem("3501000123") is None
    assert serial_problem("35-01") == "bad_serial"
    assert serial_problem("3501000123", ["3501000123"]) == "duplicate_serial"
