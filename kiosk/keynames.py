"""The keys of the keypad / keyboard navigation by name (the scenario step ``key NAME``)."""
KEY_NAMES = ("up", "down", "left", "right", "tab", "enter", "back", "repeat") + tuple("0123456789")
