"""Qt widgets of the kiosk: the shell window, one screen per session state, theme, translations.

Screens render the session's state and send intents; they hold no business rules.
"""
