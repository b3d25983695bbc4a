"""Benchmarks that print tables: ``python -m bench`` runs them all, ``python -m bench.<module>`` one."""
