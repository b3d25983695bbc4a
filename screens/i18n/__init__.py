"""Languages of the screens: Chinese is the source language, English comes from kiosk_en.qm.

The .ts source is kept up to date with ``python -m screens.i18n.extract`` and compiled with
pyside6-lrelease (the set-up does both); tests check that no string is left untranslated.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
LANGUAGES = ("zh", "en")


class I18n:
    def __init__(self, app: QCoreApplication):
        self.app = app
        self.translator: QTranslator | None = None
        self.lang = "zh"

    def use(self, lang: str) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        if lang != "zh":
            translator = QTranslator(self.app)
            qm = HERE / f"kiosk_{lang}.qm"
            if translator.load(str(qm)):
                self.app.installTranslator(translator)
                self.translator = translator
            else:
                log.error("translation %s missing: showing Chinese", qm.name)
        self.lang = lang
