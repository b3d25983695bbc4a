"""The screen of each session state, built the first time it is shown."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from screens import catalogue_guide, document, finish, home, identify, problems, take_card
from screens.theme import Theme
from screens.widgets import Screen

#: built with the window; every other screen when its state is first shown
SCREENS_AT_START = ("home", "attract")


def screen_factories(theme: Theme, previews) -> dict[str, Callable[[], Screen]]:
    """How to build the screen of each state; extra screens register here (e.g. the two of
    screens/licence.py). Only the first screens are built at start (:data:`SCREENS_AT_START`),
    the others when their state is first shown: a resident never waits for a screen they do
    not use, and the home screen is painted sooner."""
    from screens import keypads, licence

    return {
        "home": lambda: home.HomeScreen(theme), "attract": lambda: home.AttractScreen(theme),
        "identify": lambda: identify.IdentifyScreen(theme),
        "verifying": lambda: identify.BusyScreen(theme, "verifying"),
        "preparing": lambda: identify.BusyScreen(theme, "preparing"),
        "consent": lambda: document.ConsentScreen(theme),
        "preview": lambda: document.PreviewScreen(theme, previews),
        "printing": lambda: document.PrintingScreen(theme),
        "receipt": lambda: finish.ReceiptScreen(theme), "rating": lambda: finish.RatingScreen(theme),
        "done": lambda: finish.DoneScreen(theme),
        "error": lambda: problems.ErrorScreen(theme), "offline_offer": lambda: problems.OfflineOfferScreen(theme),
        "queued": lambda: problems.QueuedScreen(theme),
        "take_card": lambda: take_card.TakeCardScreen(theme),
        "guide": lambda: catalogue_guide.GuideScreen(theme),
        "licence_code": lambda: keypads.LicenceCodeScreen(theme),
        "pickup_code": lambda: keypads.PickupCodeScreen(theme),
        "licence_options": lambda: licence.LicenceOptionsScreen(theme),
        "licence_serials": lambda: licence.LicenceSerialsScreen(theme),
    }


class ScreenSet(Mapping):
    """The shell's screens by state name, each built the first time it is asked for.

    A mapping of every state that has a screen; looking one up builds it (and ``on_built``
    adds it to the window). :meth:`built` gives only those built so far, for the rounds that
    concern what a resident has seen (wipe, language)."""

    def __init__(self, factories: dict[str, Callable[[], Screen]], on_built: Callable[[Screen], None]):
        self._factories = factories
        self._on_built = on_built
        self._built: dict[str, Screen] = {}

    def __getitem__(self, name: str) -> Screen:
        screen = self._built.get(name)
        if screen is None:
            make = self._factories[name]  # KeyError for a state with no screen, as a dict would
            screen = self._built[name] = make()
            self._on_built(screen)
        return screen

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories

    def built(self) -> list[Screen]:
        return list(self._built.values())

    def is_built(self, name: str) -> bool:
        return name in self._built
