"""What a screen says: its texts as shown, read in the order they were laid out.

A screen may override ``Screen.spoken()``; by default every visible label of the screen is read
(title, the service name, pages and copies, the code, the problem and what to do next). Codes
are read one character at a time; a text that carries the visit's (masked) personal data is
marked personal so that it is never cached and the screen curtain covers it on a headset.
"""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.voice.speech import Part

CODE_LABELS = frozenset({"big_code", "count"})
SKIP_LABELS = frozenset({"code_entry"})  # read through the focus and the typed keys instead


def personal_values(session) -> tuple[str, ...]:
    """Texts of the visit that identify the person (as the screens show them)."""
    v = getattr(session, "visit", None)
    if v is None:
        return ()
    values = [v.display_name or ""]
    lic = v.licence or {}
    values += [lic.get("credit_code") or "", lic.get("company") or ""]
    return tuple(x for x in values if x)


def full_names(session) -> tuple[str, ...]:
    """Full names that must never be said (masked if they ever reach a text)."""
    ident = getattr(getattr(session, "visit", None), "identity", None)
    name = getattr(ident, "name", "") or ""
    return (name,) if name else ()


def label_parts(root: QWidget, session=None) -> list[Part]:
    """Every visible, non-empty label under ``root``, in creation (reading) order."""
    personal = personal_values(session)
    parts = []
    for lab in root.findChildren(QLabel):
        if not lab.isVisibleTo(root) or lab.objectName() in SKIP_LABELS or lab.pixmap() is not None and lab.pixmap().width():
            continue
        text = lab.text().strip()
        if not text:
            continue
        is_personal = "*" in text or any(p in text for p in personal) or bool(lab.property("personal"))
        parts.append(Part(text, personal=is_personal, code=lab.objectName() in CODE_LABELS))
    return parts


#: buttons that show a symbol say a word instead (their accessible name wins over both)
SYMBOL_WORDS = {"−": "减少", "-": "减少", "+": "增加", "‹": "上一页", "›": "下一页", "⌫": "删除"}


def widget_parts(widget: QWidget) -> list[Part]:
    """What the focused item says: its words, then its state in a word (chosen / unavailable)."""
    from screens.widgets import tr

    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.accessibleName() or widget.text()
    elif isinstance(widget, QLabel):
        text = widget.text()
    text = " ".join(text.split())
    if text in SYMBOL_WORDS:
        text = tr(SYMBOL_WORDS[text])
    parts = [Part(text)] if text else []
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and widget.isChecked():
        parts.append(Part(tr("已选中")))
    if not widget.isEnabled():
        parts.append(Part(tr("暂不可用")))
    return parts
