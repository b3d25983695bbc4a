"""QR and barcode input: serial line scanners and the camera scanner."""
