"""The sandbox platform: DESIGN.md §5 served locally, for the demo and as the tests' platform."""
from kiosk.sandbox.server import SandboxPlatform

__all__ = ["SandboxPlatform"]
