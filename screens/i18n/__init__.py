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
    #: translators installed by any I18n of this process: one language at a time, application-wide
    _installed: list[QTranslator] = []

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.translator: QTranslator | None = None
        self.lang = "zh"

    def use(self, lang: str) -> None:
        while I18n._installed:
            self.app.removeTranslator(I18n._installed.pop())
        self.translator = None
        if lang != "zh":
            translator = QTranslator(self.app)
            qm = HERE / f"kiosk_{lang}.qm"
            if translator.load(str(qm)):
                self.app.installTranslator(translator)
                self.translator = translator
                I18n._installed.append(translator)
            else:
                log.error("translation %s missing: showing Chinese", qm.name)
        self.lang = lang
