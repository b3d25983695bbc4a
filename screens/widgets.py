"""Shared widgets: the screen base class, labels, buttons, icons, and emptying a layout.

The frame around every screen (header, footer, idle overlay) is in :mod:`screens.chrome`."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from screens import icons
from screens.theme import Theme


def tr(text: str, context: str = "screens") -> str:
    return QCoreApplication.translate(context, text)


def trn(text: str, n: int, context: str = "screens") -> str:
    """``tr`` for a text about ``n`` things: the .ts holds its numerus forms (English: one, many),
    so "1 copy" / "2 copies" — never "copy(ies)". Placeholders are still filled by ``.format``."""
    return QCoreApplication.translate(context, text, None, int(n))


class WordLabel(QLabel):
    """A label whose wrapped Chinese breaks between words (screens/linebreak.py); ``text()``
    gives back the words as set, without the joiners."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        from screens.linebreak import keep_words

        self._plain = text
        super().setText(keep_words(text) if self.wordWrap() else text)

    def text(self) -> str:
        plain = getattr(self, "_plain", None)
        return plain if plain is not None else super().text()

    def clear(self) -> None:
        self._plain = ""
        super().clear()


def label(text: str = "", name: str = "", wrap: bool = True, align=Qt.AlignCenter) -> QLabel:
    lab = WordLabel()
    lab.setWordWrap(wrap)
    lab.setText(text)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    lab.setAlignment(align)
    return lab


def button(text: str = "", name: str = "primary", icon_name: str | None = None, icon_size: int = 56) -> QPushButton:
    btn = QPushButton(text)
    btn.setObjectName(name)
    btn.setFocusPolicy(Qt.NoFocus)
    btn.setCursor(Qt.BlankCursor)
    if icon_name:
        btn.setIcon(icons.icon(icon_name, icon_size * 2, "#ffffff" if name == "primary" else "#1d5fbf"))
        btn.setIconSize(QSize(icon_size, icon_size))
    return btn


def tool_tile(name: str, icon_name: str, icon_size: int, colour: str = "#1d5fbf"):
    """A big square-ish button with its icon above its words (home tiles, rating faces)."""
    from PySide6.QtWidgets import QToolButton

    btn = QToolButton()
    btn.setObjectName(name)
    btn.setFocusPolicy(Qt.NoFocus)
    btn.setToolButtonStyle(Qt.ToolButtonTextUnderIcon)
    btn.setIcon(icons.icon(icon_name, icon_size * 2, colour))
    btn.setIconSize(QSize(icon_size, icon_size))
    btn.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
    return btn


def take_items(layout) -> list:
    """Empty ``layout`` and return the widgets it held (those of nested layouts too), still
    parented and shown. Every layout item taken is deleted here: ``takeAt`` hands the caller a
    C++ item that PySide6 does not free, about 90 bytes a widget each time (a page of tiles
    refilled on every visit grew the kiosk by kilobytes a visit)."""
    widgets = []
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            widgets.append(w)
        elif item.layout() is not None:
            widgets += take_items(item.layout())
        shiboken6.delete(item)  # the item only: a widget is not its item's to delete
    return widgets


def clear_layout(layout) -> None:
    """Remove every widget of a layout now (not at the next event loop turn)."""
    for w in take_items(layout):
        w.hide()
        w.setParent(None)
        w.deleteLater()


def icon_label(name: str, size: int, colour: str = "#1d5fbf") -> QLabel:
    lab = QLabel()
    lab.setPixmap(icons.pixmap(name, size, colour))
    lab.setAlignment(Qt.AlignCenter)
    return lab


class Screen(QFrame):
    """Base of every screen. Screens render ``session`` and send intents through ``intent``.

    ``refresh()`` sets every text from the session and the current language; it is called
    when the screen is shown and when the language changes. ``wipe()`` forgets everything
    shown about the resident.
    """

    intent = Signal(str, dict)
    state_name = ""
    #: what the resident has entered or chosen on this screen (attribute names): carried into the
    #: screen that replaces this one when the shell rebuilds its widgets (a 长辈版 switch mid-visit)
    kept: tuple[str, ...] = ()

    def __init__(self, theme: Theme):
        super().__init__()
        self.setObjectName("screen")
        self.theme = theme
        self.session = None
        self.lang = "zh"

    def centre(self, lay) -> None:
        """A column of centred content: wrapped text gets the column's width (a layout aligned
        to the centre would size it by its hint and clip it). The closing stretch is added when
        the screen is first entered, after every widget."""
        # 长辈版 on a landscape panel: wider lines, fewer of them (the height is what runs out)
        side = 90 if self.theme.portrait else (96 if self.theme.elder else 300)
        lay.setContentsMargins(side, 16 if self.theme.elder else 24, side, 16 if self.theme.elder else 24)
        lay.addStretch(1)
        self._centre_pending = lay

    def send(self, intent: str, **payload) -> None:
        self.intent.emit(intent, payload)

    def kept_state(self) -> dict:
        """What ``kept`` names, copied: handed to :meth:`restore_state` of the rebuilt screen."""
        import copy

        return {name: copy.deepcopy(getattr(self, name)) for name in self.kept}

    def restore_state(self, kept: dict) -> None:
        """Take over what the screen this one replaces had (from :meth:`kept_state`); shown at the next
        ``enter``."""
        for name, value in kept.items():
            setattr(self, name, value)

    def enter(self, session) -> None:
        pending = getattr(self, "_centre_pending", None)
        if pending is not None:
            pending.addStretch(1)
            self._centre_pending = None
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        """Set texts from the session (override)."""

    def wipe(self) -> None:
        """Forget anything shown about the resident (override when a screen shows some)."""

    def on_device_event(self, event) -> None:
        """Device events while this screen is shown (override)."""

    def spoken(self) -> list:
        """The screen's instruction as voice parts (kiosk.voice.Part), read when it is shown and
        by 🔊 再听一遍. Default: every visible label in reading order (screens/speech.py)."""
        from screens.speech import label_parts

        return label_parts(self, self.session)

    def key_back(self) -> bool:
        """The keypad's Back on this screen; True when handled here (e.g. a category closed, a
        typed character removed). Otherwise the shell sends ``back`` or goes home."""
        return False

    def service_name(self) -> str:
        service = self.session.service() if self.session else {}
        names = service.get("name") or {}
        return names.get(self.lang) or names.get("zh") or ""

    def card(self) -> tuple[QFrame, QVBoxLayout]:
        frame = QFrame()
        frame.setObjectName("card")
        lay = QVBoxLayout(frame)
        elder = self.theme.elder
        lay.setContentsMargins(32 if elder else 48, 20 if elder else 40, 32 if elder else 48, 20 if elder else 40)
        lay.setSpacing(14 if elder else 24)
        return frame, lay
