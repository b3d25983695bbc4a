"""A device slot the terminal does not have (``driver = "none"``)."""
from drivers.base import Device, DeviceState, DeviceStatus
from drivers.options import AbsentOptions


class AbsentDevice(Device):
    device_class = "absent"
    Options = AbsentOptions
    poll_interval_s = 3600.0

    def open(self) -> None:
        self.set_status(DeviceStatus(DeviceState.NO_DEVICE, message="not fitted"))
