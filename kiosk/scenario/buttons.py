"""Which button on the screen sends an intent, for ``tap INTENT``.

A button says which intent it sends with the Qt property ``intent``
(``btn.setProperty("intent", "agree")``); buttons of screens that do not say it yet are found
through :data:`BUTTONS`. Only a visible, enabled button counts: a resident cannot press the others.
"""
from __future__ import annotations

#: intent → (screen state name, attribute of that screen holding the button); "footer" is the shell's footer
BUTTONS: dict[str, list[tuple[str, str]]] = {
    "agree": [("consent", "agree")],
    "decline": [("consent", "decline"), ("offline_offer", "decline")],
    "print": [("preview", "print_btn"), ("licence_options", "print_btn")],
    "next": [("receipt", "next"), ("queued", "next")],
    "skip": [("rating", "skip")],
    "finish": [("done", "finish")],
    "queue_job": [("offline_offer", "accept")],
    "record_serials": [("licence_serials", "confirm"), ("licence_serials", "later")],
    "wake": [("attract", "start")],
    "home": [("footer", "home")],
    "back": [("guide", "back")],
}


def _usable(widget) -> bool:
    return widget is not None and widget.isVisible() and widget.isEnabled()


def _error_actions(window, session) -> dict[str, object]:
    """The error screen builds its action buttons from screens.messages.error_entry, in order."""
    from PySide6.QtWidgets import QAbstractButton

    from screens.messages import error_entry

    screen = window.screens.get("error")
    if screen is None or window.current_screen() is not screen:
        return {}
    v = session.visit
    actions = error_entry(v.error, bool(v.pickup_code))[3]
    buttons = [b for b in screen.actions_host.findChildren(QAbstractButton)]
    return {intent: btn for (intent, _text, _style), btn in zip(actions, buttons, strict=False)}


def find(window, session, intent: str):
    """The visible, enabled button that sends ``intent`` now, or None."""
    from PySide6.QtWidgets import QAbstractButton

    for btn in window.findChildren(QAbstractButton):
        if btn.property("intent") == intent and _usable(btn):
            return btn
    for screen_name, attr in BUTTONS.get(intent, ()):
        owner = window.footer if screen_name == "footer" else window.screens.get(screen_name)
        btn = getattr(owner, attr, None) if owner is not None else None
        if _usable(btn):
            return btn
    btn = _error_actions(window, session).get(intent)
    return btn if _usable(btn) else None


def visible_intents(window, session) -> list[str]:
    """Intents a tap could send now (for a helpful ``why``)."""
    names = set(BUTTONS) | set(_error_actions(window, session))
    return sorted(i for i in names if find(window, session, i) is not None)
