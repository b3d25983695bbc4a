"""Steps a resident (or a member of staff) takes: touches on the screen, a card, a scanned code.

Each ``step_*`` function takes the :class:`~kiosk.scenario.terminal.ScenarioTerminal` and the
step's words, and raises :class:`~kiosk.scenario.script.StepFailed` with the reason when the step
cannot be taken as a person would (a tile disabled, a button missing, the wrong screen).
"""
from __future__ import annotations

from kiosk.scenario import buttons
from kiosk.scenario.script import StepFailed

#: a job in one of these states has been through the key's state (reported only ever follows printed)
PASSED_THROUGH = {"printed": ("reported",)}


def at_screen(t, name: str, what: str) -> None:
    """Wait (up to the expect timeout) for screen ``name``; ``what`` names the step for the why."""
    if not t.pump(lambda: t.state == name, t.expect_timeout_s):
        raise StepFailed(f"{what} needs the {name} screen, but the screen is {t.state}")


def press(t, widget, what: str) -> None:
    if widget is None or not widget.isVisible():
        raise StepFailed(f"{what}: no such button on the {t.state} screen")
    if not widget.isEnabled():
        text = widget.text().replace("\n", " ") if hasattr(widget, "text") else ""
        raise StepFailed(f"{what}: the button is disabled on the {t.state} screen ({text})")
    t.click(widget)


def _tile(t, key: str):
    """The top-level tile ``key`` (取件, a category), paging the categories as a resident would:
    with the whole catalogue the pickup tile can sit on a later page."""
    home = t.screen("home")
    if key not in home.tiles:
        click = t.click
        if not home.at_top():
            click(home.back_btn)
        while home.pager.isVisible() and home.pager.prev.isEnabled():
            click(home.pager.prev)
        for _ in range(50):
            if key in home.tiles or not (home.pager.isVisible() and home.pager.next.isEnabled()):
                break
            click(home.pager.next)
    tile = home.tiles.get(key)
    if tile is not None and not tile.isVisible():  # a tile just added is shown on the next turn
        t.pump(tile.isVisible, 2.0)
    return tile


def reach_service(t, service_id: str) -> None:
    """From home, as a resident would: the service's category tile (paging through the
    categories if needed), the category's pages, the service; when that way fails, the search
    with the service's pinyin initials on the letter keypad (screens/catalogue_nav.py)."""
    from screens import catalogue_nav

    if service_id not in t.session.services:
        raise StepFailed(f"service {service_id}: not in the catalogue")
    what = f"service {service_id}"
    home = t.screen("home")
    try:
        catalogue_nav.by_category(home, service_id, lambda w: press(t, w, what))
    except catalogue_nav.NotReachable as first:
        if t.state != "home":
            raise StepFailed(f"{what}: {first}") from None
        try:
            catalogue_nav.by_search(home, service_id, lambda w: press(t, w, what))
        except catalogue_nav.NotReachable as e:
            raise StepFailed(f"{what}: {first}; by search: {e}") from None


def type_keys(t, screen, text: str, what: str) -> None:
    for ch in text:
        key = screen.key_buttons.get(ch) or screen.key_buttons.get(ch.upper())
        if key is None:
            raise StepFailed(f"{what}: the keypad has no key {ch!r}")
        press(t, key, what)


# ---------------------------------------------------------------------- the steps
def step_service(t, args) -> None:
    at_screen(t, "home", "service")
    reach_service(t, args[0])


def _code_flow(t, tile: str, screen_name: str, code: str, what: str) -> None:
    at_screen(t, "home", what)
    press(t, _tile(t, tile), what)
    at_screen(t, screen_name, what)
    pad = t.screen(screen_name)
    type_keys(t, pad, code, what)
    press(t, pad.confirm, what)


def step_licence(t, args) -> None:
    _code_flow(t, "licence", "licence_code", args[0].upper(), "licence")


def step_pickup(t, args) -> None:
    code = args[0]
    if code == "last":
        if not t.pickup_codes:
            raise StepFailed("pickup last: this script has not been given a pickup code yet")
        code = t.pickup_codes[-1]
    _code_flow(t, "pickup", "pickup_code", code.upper(), "pickup")


def step_card(t, args) -> None:
    t.rig.card.place(args[0])
    t.pump(timeout=0.05)


def step_card_remove(t, args) -> None:
    t.rig.card.remove()
    t.pump(timeout=0.05)


def step_scan(t, args) -> None:
    t.rig.scanner.send(" ".join(args))
    t.pump(timeout=0.05)


def step_key(t, args) -> None:
    """A key of the keypad or keyboard (up, down, left, right, tab, enter, back, repeat, 0–9)."""
    t.key(args[0])


def step_tap(t, args) -> None:
    intent = args[0]
    btn = buttons.find(t.kiosk.window, t.session, intent)
    if btn is None:
        t.pump(lambda: buttons.find(t.kiosk.window, t.session, intent) is not None, 1.0)
        btn = buttons.find(t.kiosk.window, t.session, intent)
    if btn is None:
        offered = ", ".join(buttons.visible_intents(t.kiosk.window, t.session)) or "none"
        raise StepFailed(f"tap {intent}: no visible, enabled button sends {intent} on the {t.state} screen "
                         f"(buttons there send: {offered})")
    t.click(btn)


def _step_count(t, get, minus, plus, want: int, what: str) -> None:
    for _ in range(20):
        have = get()
        if have == want:
            return
        press(t, plus if have < want else minus, what)
    raise StepFailed(f"{what}: the screen does not let the count reach {want} (it stays at {get()})")


def step_copies(t, args) -> None:
    at_screen(t, "preview", "copies")
    s = t.screen("preview")
    _step_count(t, lambda: t.session.visit.copies, s.minus, s.plus, int(args[0]), f"copies {args[0]}")


def step_counts(t, args) -> None:
    at_screen(t, "licence_options", "counts")
    rows = t.screen("licence_options").rows
    v = lambda: t.session.visit  # noqa: E731 - the visit object is replaced on every wipe
    for kind, want in (("originals", int(args[0])), ("duplicates", int(args[1]))):
        _name, minus, _count, plus = rows[kind]
        _step_count(t, lambda k=kind: getattr(v(), k), minus, plus, want, f"counts ({kind} {want})")


def step_serial(t, args) -> None:
    at_screen(t, "licence_serials", "serial")
    s = t.screen("licence_serials")
    type_keys(t, s, args[0], "serial")
    press(t, s.add, "serial")


def step_rate(t, args) -> None:
    from kiosk.session_model import RATING_LEVELS

    at_screen(t, "rating", "rate")
    s = t.screen("rating")
    press(t, s.level_buttons[RATING_LEVELS[int(args[0]) - 1]], "rate")
    for reason in args[1:]:
        press(t, s.reason_buttons.get(reason), f"rate (reason {reason})")
    press(t, s.submit, "rate")


def step_idle(t, args) -> None:
    idle = t.session.idle
    t.skip(idle.idle_timeout_s + 1)   # "are you still there?" comes up
    t.skip(idle.countdown_s + 1)      # and nobody answers


def step_wait(t, args) -> None:
    seconds = float(args[0])
    real = min(seconds, 2.0)          # the terminal runs for real for a moment, the clock jumps the rest
    t.core.sync.kick()               # its retry would have come due within S seconds (its backoff runs in real time)
    t.pump(timeout=real)
    t.skip(seconds - real)


def step_expect(t, args) -> None:
    what, value = args[0], args[1:]
    if what == "screen":
        if not t.pump(lambda: t.state == value[0], t.expect_timeout_s):
            raise StepFailed(f"expected screen {value[0]}, the screen is {t.state} after {t.expect_timeout_s:g} s")
    elif what == "job":
        def state():
            job = t.latest_job()
            return job.state.value if job is not None else None
        wanted = (value[0], *PASSED_THROUGH.get(value[0], ()))
        if not t.pump(lambda: state() in wanted, t.expect_timeout_s):
            raise StepFailed(f"expected job {value[0]}, the latest job is {state() or 'none (no job yet)'} "
                             f"after {t.expect_timeout_s:g} s")
    elif what == "refreshed":
        _expect_refreshed(t, value[0])
    else:  # sheets DEVICE N
        device, want = value[0], int(value[1])
        t.pump(lambda: t.sheets(device) >= want, t.expect_timeout_s if want else 0.0)
        t.pump(timeout=0.3)  # a sheet more would come out now, not later
        have = t.sheets(device)
        if have != want:
            raise StepFailed(f"expected {want} sheets out of the {device} printer, {have} came out")


#: ``expect refreshed WHAT`` → the platform path the terminal must have asked (docs/platform-api.yaml)
REFRESHED = {"catalogue": "/catalogue", "config": "/terminal/config"}


def _expect_refreshed(t, what: str) -> None:
    """The terminal asked the platform for WHAT (answered 200 or 304) after the latest ``fault
    platform`` step (or since the script began): seen in the sandbox's own request log."""
    path = REFRESHED[what]
    since = t.platform_fault_at or t.started_at

    def asked() -> bool:
        return any(r.method == "GET" and r.at >= since and r.status in (200, 304)
                   and r.path.split("?")[0].endswith(path) for r in t.rig.sandbox.requests)

    if not t.pump(asked, t.expect_timeout_s):
        raise StepFailed(f"expected the terminal to refresh its {what} (GET {path}) within "
                         f"{t.expect_timeout_s:g} s; it did not ask")
