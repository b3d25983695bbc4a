"""Values shared by the documents tests."""
import datetime as dt

ISSUED = dt.date(2025, 6, 3)
VERIFY_CODE = "K7Q2-M9XD-3PLA"
