"""Entry point of the bundled kiosk: `efz-kiosk [--config FILE]` runs the terminal;
`efz-kiosk diag ...`, `efz-kiosk demo ...` and `efz-kiosk sandbox ...` run the tools."""
import sys


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["diag"]:
        from kiosk.diag.__main__ import main as diag

        return diag(args[1:])
    if args[:1] == ["demo"]:
        from kiosk.demo import main as demo

        return demo(args[1:])
    if args[:1] == ["sandbox"]:
        from kiosk.sandbox.__main__ import main as sandbox

        return sandbox(args[1:])
    from kiosk.__main__ import main as kiosk

    return kiosk(args)


if __name__ == "__main__":
    sys.exit(main())
