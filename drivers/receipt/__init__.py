"""ESC/POS receipt printer: URI → python-escpos printer, receipt layout, DLE EOT status codec."""
