"""The kiosk window: header, one screen per session state, footer, idle overlay.

The shell observes the session and shows the screen bound to its state; screens send intents
back. It owns no business rules: device events go to kiosk.inputs, availability comes from
kiosk.availability.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.availability import ADVICE, CHIP, REASONS
from kiosk.session import Session, SessionState
from screens.chrome import Footer, Header, IdleOverlay
from screens.screen_set import SCREENS_AT_START, ScreenSet, screen_factories
from screens.theme import Theme
from screens.widgets import Screen, tr

log = logging.getLogger(__name__)


class TouchFilter(QObject):
    """Every press anywhere counts as 'the person is still there'."""

    touched = Signal()

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.MouseButtonPress, QEvent.TouchBegin):
            self.touched.emit()
        elif event.type() == QEvent.ContextMenu:
            return True  # no context menus anywhere
        return False


class ShellWindow(QMainWindow):
    language_changed = Signal(str)
    curtain_changed = Signal(bool)  # emitted by the voice worker; queued onto the GUI thread

    def __init__(self, session: Session, *, terminal_name: str, theme: Theme, previews, i18n=None,
                 terminal_name_en: str = "",
                 tick_ms: int = 250, voice=None, panel=None, low_reach: bool = False):
        super().__init__()
        from kiosk.reach import Panel

        self.voice = voice          # kiosk.voice.Voice, or None (silent)
        self.panel = panel or Panel()
        self.low_reach = low_reach
        self._countdown_said: set[int] = set()
        if voice is not None:
            voice.on_curtain = self.curtain_changed.emit
        self.curtain_changed.connect(self._set_curtain)
        self.session = session
        self.theme = theme
        self.previews = previews
        self.i18n = i18n
        self.terminal_name = terminal_name
        self.terminal_name_en = terminal_name_en  # the header's name in English mode ("" keeps the Chinese)
        self.lang = "zh"
        if i18n is not None:  # the texts built now are in the window's language, whatever an earlier window left
            i18n.use(self.lang)
        self.kiosk = None  # the running kiosk.app.Kiosk, set by it (technician mode needs it)
        self.availability: dict[str, str | None] = {}
        self.licence_stock = "ok"  # the licence printer's paper: ok | low | out | jammed
        self.setWindowTitle(terminal_name)
        self.setContextMenuPolicy(Qt.NoContextMenu)
        self._build()
        session.on_change(self._on_session_change)
        # Every press anywhere in the application counts as "still there"; no context menus.
        self.touch_filter = TouchFilter(self)
        self.touch_filter.touched.connect(session.touch)
        QApplication.instance().installEventFilter(self.touch_filter)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(tick_ms)

    # -- construction -----------------------------------------------------------------
    def _build(self, kept: dict | None = None) -> None:
        root = QWidget()
        lay = QVBoxLayout(root)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.header = Header(self.theme, self.terminal_name)
        self.stack = QStackedWidget()
        self.footer = Footer(self.theme)
        self.footer.home_clicked.connect(lambda: self.session.dispatch("home"))
        self.footer.language_clicked.connect(self.toggle_language)
        self.footer.elder_toggled.connect(self.set_elder)
        self.footer.low_reach_toggled.connect(self.set_low_reach)
        self.footer.repeat_clicked.connect(self.repeat_speech)
        self.footer.volume_changed.connect(self.change_volume)
        self.footer.mute_toggled.connect(self.set_muted)
        lay.addWidget(self.header)
        self.reach_gap = QWidget()  # low reach: the rows above a seated user's reach hold no action
        self.reach_gap.setObjectName("reach_gap")
        lay.addWidget(self.reach_gap)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.footer)
        self.reach_floor = QWidget()  # … and the rows below it
        lay.addWidget(self.reach_floor)
        self._apply_reach()
        self.setCentralWidget(root)
        self.setStyleSheet(self.theme.style_sheet())
        self._kept = dict(kept or {})  # what the screens replaced by a rebuild handed on
        self.screens = ScreenSet(screen_factories(self.theme, self.previews), self._add_screen)
        for name in SCREENS_AT_START:
            self.screens[name]
        self.overlay = IdleOverlay(self.theme, root)
        self.overlay.extend_clicked.connect(self.session.touch)
        self.curtain = QWidget(root)  # the screen curtain: black while personal details are spoken
        self.curtain.setStyleSheet("background: #000000;")
        self.curtain.hide()
        if getattr(self, "keys", None) is None:
            from screens.keys import KeyNavigator

            self.keys = KeyNavigator(self)
        self.keys.attach(root)
        self._install_extras(root)
        self.show_state(self.session.state)

    def _add_screen(self, screen: Screen) -> None:
        """A screen just built (:class:`ScreenSet`): into the stack, in the current language."""
        screen.lang = self.lang
        screen.intent.connect(self._on_intent)
        self.stack.addWidget(screen)
        if screen.state_name in self._kept:  # built after a 长辈版 / orientation change
            screen.restore_state(self._kept.pop(screen.state_name))
        if screen.state_name == "licence_options":
            screen.set_stock(self.licence_stock)

    def _install_extras(self, root: QWidget) -> None:
        """Optional parts that hook into the shell (technician mode)."""
        try:
            from screens import technician
        except ImportError:
            return
        install = getattr(technician, "install", None)
        if install is not None:
            install(self, root)

    def rebuild(self) -> None:
        """Re-create every widget (after an orientation or 长辈版 change). The visit goes on: the
        session is the same, and each screen hands what the resident entered or chose (typed
        digits, the preview's page, the open category…) to the screen that replaces it."""
        old = self.centralWidget()
        online, problem = self.header._online, self.header._device_problem
        kept = {screen.state_name: screen.kept_state() for screen in self.screens.built()}
        kept = {**self._kept, **kept}  # and what screens not rebuilt since the last change still hold
        self._build(kept)  # shows the current state's screen, from the session and what was kept
        self.header._online, self.header._device_problem = online, problem
        self._name_header()
        self.header.refresh()
        self.screens["home"].set_availability(self.availability)
        if self.session.countdown:
            self._update_overlay()
        old.deleteLater()

    # -- session ------------------------------------------------------------------------
    def _on_intent(self, intent: str, payload: dict) -> None:
        self.session.dispatch(intent, **payload)

    def _on_session_change(self, session, old, new, intent) -> None:
        if intent == "countdown":
            self._update_overlay()
            return
        if intent == "still_here":
            self.overlay.hide()
            self._countdown_said.clear()
            return
        self.overlay.hide()
        self._countdown_said.clear()
        outside_visit = (SessionState.HOME, SessionState.TAKE_CARD)
        if new in outside_visit and old not in outside_visit:  # the visit was wiped
            for screen in self.screens.built():
                screen.wipe()
            self._kept.clear()  # what a 长辈版 switch handed on to screens not yet rebuilt is wiped too
            if self.voice is not None:
                self.voice.reset()  # every visit starts at the default volume, not muted
        self.show_state(new)

    def show_state(self, state: SessionState) -> None:
        if state.value not in self.screens:
            log.error("no screen for state %s", state.value)
            return
        screen = self.screens[state.value]
        self.stack.setCurrentWidget(screen)
        screen.enter(self.session)
        self._refresh_footer()
        self.footer.setVisible(state != SessionState.ATTRACT)
        self.header.setVisible(state != SessionState.ATTRACT)
        self.keys.screen_shown(screen)
        self.speak_screen()

    def _refresh_footer(self) -> None:
        state = self.session.state
        self.footer.refresh(at_home=state in (SessionState.HOME, SessionState.ATTRACT),
                            can_leave=state not in (SessionState.PRINTING,),
                            elder=self.theme.elder, muted=bool(self.voice and self.voice.muted),
                            low_reach=self.low_reach)
        if state == SessionState.DONE:  # the screen's own Home button counts down: one Home button, not two
            self.footer.home.setVisible(False)

    # -- voice ------------------------------------------------------------------------------
    def utterance(self, parts, kind: str = "screen", chime: bool = False):
        from kiosk.voice import Utterance
        from screens.speech import full_names

        return Utterance(tuple(parts), lang=self.lang, slow=self.theme.elder, kind=kind, chime=chime,
                         names=full_names(self.session))

    def speak_screen(self) -> None:
        """Say the current screen's instruction (when shown, on 🔊 and on the repeat key)."""
        if self.voice is None:
            return
        if self.overlay.isVisible():
            self._speak_countdown(force=True)
            return
        self.voice.say(self.utterance(self.current_screen().spoken()))

    def speak(self, parts, kind: str = "focus") -> None:
        if self.voice is not None:
            self.voice.say(self.utterance(parts, kind))

    def repeat_speech(self) -> None:
        self.speak_screen()

    def change_volume(self, delta: int) -> None:
        if self.voice is None:
            return
        (self.voice.louder if delta > 0 else self.voice.quieter)()
        self._refresh_footer()
        from kiosk.voice import Part

        self.speak([Part(tr("音量") + f" {round(self.voice.volume * 10)}")], kind="focus")

    def set_muted(self, muted: bool) -> None:
        if self.voice is not None:
            self.voice.set_muted(muted)
        self._refresh_footer()

    def _set_curtain(self, on: bool) -> None:
        self.curtain.setGeometry(self.centralWidget().rect())
        self.curtain.setVisible(on)
        if on:
            self.curtain.raise_()

    def _speak_countdown(self, force: bool = False) -> None:
        """The countdown is said with a chime when it starts and again at 5 seconds."""
        import math

        left = max(0, math.ceil(self.session.idle_remaining()))
        due = [m for m in (10**6, 5) if left <= m and m not in self._countdown_said]
        if self.voice is None or not (due or force):
            return
        self._countdown_said.update(due)
        from screens.speech import label_parts

        self.voice.say(self.utterance(label_parts(self.overlay), kind="countdown", chime=True))

    # -- low reach ---------------------------------------------------------------------------
    def set_low_reach(self, on: bool) -> None:
        """The footer's switch (home only, like 长辈版)."""
        if on == self.low_reach or self.session.state not in (SessionState.HOME, SessionState.ATTRACT):
            self._refresh_footer()
            return
        self.low_reach = on
        self.rebuild()

    def _apply_reach(self) -> None:
        from screens.layout_reach import reach_gaps

        top, bottom = reach_gaps(self) if self.low_reach else (0, 0)
        self.reach_gap.setFixedHeight(top)
        self.reach_gap.setVisible(top > 0)
        self.reach_floor.setFixedHeight(bottom)
        self.reach_floor.setVisible(bottom > 0)

    def current_screen(self) -> Screen:
        return self.stack.currentWidget()

    def _tick(self) -> None:
        self.header.tick()
        verdict = self.session.tick()
        on_tick = getattr(self.current_screen(), "on_tick", None)
        if on_tick is not None:  # a countdown shown on the screen itself (done)
            on_tick()
        if verdict == "countdown" and self.session.countdown:
            self._update_overlay()

    def _update_overlay(self) -> None:
        import math

        self.overlay.show_remaining(max(0, math.ceil(self.session.idle_remaining())))
        self._speak_countdown()

    # -- status from the core (already on the GUI thread) ---------------------------------
    def set_online(self, online: bool | None) -> None:
        self.header.set_online(online)
        self.screens["home"].set_online(online)

    def set_device_problem(self, reason_key: str | None) -> None:
        self.header.set_device_problem(tr(CHIP.get(reason_key, REASONS.get(reason_key, ""))) if reason_key else "")

    def set_availability(self, availability: dict[str, str | None]) -> None:
        self.availability = {k: (tr(REASONS[v]) if v else None) for k, v in availability.items()}
        keys = list(dict.fromkeys(v for v in availability.values() if v))
        self.screens["home"].set_advice([tr(ADVICE[k]) for k in keys if k in ADVICE])
        self.screens["home"].set_availability(self.availability)

    def set_licence_stock(self, state: str) -> None:
        self.licence_stock = state
        if self.screens.is_built("licence_options"):
            self.screens["licence_options"].set_stock(state)

    def on_device_event(self, event) -> None:
        self.current_screen().on_device_event(event)

    # -- language and 长辈版 ---------------------------------------------------------------
    def toggle_language(self) -> None:
        self.set_language("en" if self.lang == "zh" else "zh")

    def _name_header(self) -> None:
        english = self.lang == "en" and self.terminal_name_en
        self.header.name.setText(self.terminal_name_en if english else self.terminal_name)

    def set_language(self, lang: str) -> None:
        if self.i18n is not None:
            self.i18n.use(lang)
        self.lang = lang
        for screen in self.screens.built():
            screen.lang = lang
        self._name_header()
        self.header.refresh()
        self.show_state(self.session.state)
        self.language_changed.emit(lang)

    def apply_config(self, cfg, keys) -> None:
        """The running config changed (kiosk.terminal.Terminal.on_config_changed): show what the live
        ``keys`` change on screen: the terminal's name, 长辈版 / orientation, the language."""
        keys = set(keys)
        if keys & {"terminal.name", "terminal.name_en"}:
            self.terminal_name = cfg.terminal.name
            self.terminal_name_en = cfg.terminal.name_en
            self.setWindowTitle(cfg.terminal.name)
            self._name_header()
        if keys & {"ui.orientation", "ui.elder_mode"}:
            self.theme = Theme(elder=cfg.ui.elder_mode, portrait=cfg.ui.orientation == "portrait")
            self.rebuild()
        if "ui.language" in keys:
            self.set_language(cfg.ui.language)

    def set_elder(self, on: bool) -> None:
        """长辈版 on or off, from the footer of any screen: the visit goes on where it was
        (``rebuild`` carries what the resident entered)."""
        if on == self.theme.elder:
            self._refresh_footer()
            return
        log.info("长辈版 %s on the %s screen", "on" if on else "off", self.session.state.value)
        self.theme = Theme(elder=on, portrait=self.theme.portrait)
        self.rebuild()

    def keyPressEvent(self, event) -> None:
        # Keys are handled by the KeyNavigator (screens/keys.py); nothing leaves the app from the keyboard.
        event.ignore()
