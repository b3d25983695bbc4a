"""Resident ID card reader (二代证) speaking the GA 467 SAM serial protocol."""
