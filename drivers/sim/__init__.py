"""Wire-level simulators of every device: the same protocols as the hardware, on ptys and TCP."""
