"""Shared test set-up. Qt runs offscreen; area-specific fixtures live in each tests/<area>/."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
