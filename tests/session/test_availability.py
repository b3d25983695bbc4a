"""Which services run, from device statuses: exactly those whose devices are up."""
from drivers.base import DeviceState, DeviceStatus
from kiosk.availability import REASONS, device_summary, service_problems
from kiosk.sandbox.catalogue import CATALOGUE

SERVICES = {s["id"]: s for s in CATALOGUE["services"]}
UP = DeviceStatus(DeviceState.ONLINE, {"paper": "ok"})


def statuses(**over):
    base = {"id_card": DeviceStatus(DeviceState.ONLINE, {"media": "absent"}), "receipt": UP,
            "document": UP, "licence": UP, "qr_serial": DeviceStatus(DeviceState.ONLINE)}
    base.update(over)
    return base


def test_everything_runs_when_every_device_is_up():
    problems = service_problems(SERVICES, statuses())
    assert set(problems.values()) == {None}
    assert device_summary(statuses()) is None


def test_document_paper_out_pauses_certificates_and_pickup_but_not_licences():
    problems = service_problems(SERVICES, statuses(document=DeviceStatus(DeviceState.ONLINE, {"paper": "out"})))
    assert problems["social_insurance_payment"] == "paper_out"
    assert problems["pickup"] == "paper_out"
    assert problems["business_licence"] is None
    assert REASONS["paper_out"] == "打印机缺纸，证明打印暂停"


def test_licence_printer_down_pauses_only_licences():
    problems = service_problems(SERVICES, statuses(licence=DeviceStatus(DeviceState.NO_DEVICE)))
    assert problems["business_licence"] == "licence_down"
    assert problems["no_housing"] is None


def test_without_a_card_reader_the_qr_code_still_serves_certificates_but_not_licences():
    problems = service_problems(SERVICES, statuses(id_card=DeviceStatus(DeviceState.NO_DEVICE)))
    assert problems["medical_insurance"] is None           # e福州 identity code still works
    assert problems["business_licence"] == "reader_down"   # needs the ID card of the representative
    assert device_summary(statuses(id_card=DeviceStatus(DeviceState.NO_DEVICE))) == "reader_down"


def test_a_category_is_unavailable_only_when_none_of_its_services_can_run():
    from kiosk.availability import available_ids, category_state, problems_in

    availability = {"a": None, "b": "paper_out", "c": "paper_out", "d": "reader_down"}
    assert category_state(["a", "b"], availability) == (None, True)        # partly paused
    assert category_state(["b", "c"], availability) == ("paper_out", True)  # all paused: the first reason
    assert category_state(["a"], availability) == (None, False)
    assert category_state([], availability) == (None, False)
    assert problems_in([["a", "b"], ["c", "d"]], availability) == ["paper_out", "reader_down"]
    assert available_ids(["a", "b", "x"], availability) == ["a", "x"]
