"""Document and licence printers: an IPP client for CUPS, a file printer for the demo,
test and calibration pages, and the licence calibration offset."""
