"""The e福州 self-service terminal."""

#: the software version (pyproject.toml takes it from here; the Debian package too)
__version__ = "0.1.0"
