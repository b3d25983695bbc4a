"""``python -m screens.audit``: every scene of the gallery, in every variant (languages,
orientations, 长辈版, low reach), checked on its laid-out widgets: touch targets, contrast,
text size, line spacing (长辈版), no state by colour alone, nothing off the screen, no text
clipped or overlapping, every action within reach (low reach). Prints a table (scene × check)
and exits 1 on any violation, listing each one.

It runs offscreen by default; ``--platform xcb`` checks a real window (under Xvfb: the window
is as large as the screen allows, not as large as its content asks).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def run(*, langs=("zh", "en"), orientations=("landscape", "portrait"), elders=(False, True), reach=(False, True),
        only: str | None = None, variant: str | None = None, panel=None) -> dict:
    """{(variant, scene): {check: [violations]}} for every scene rendered."""
    from kiosk.reach import Panel
    from screens import audit_checks, gallery

    panel = panel or Panel()
    results: dict = {}
    sizes: dict = {}

    def on_scene(window, name_variant, scene_name):
        counterpart = bool(variant) and name_variant != variant  # the standard of an elder --variant
        if counterpart and name_variant != variant.replace("-elder", ""):
            return
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        portrait = window.theme.portrait
        tall = gallery.PANELS["portrait" if portrait else "landscape"][1]
        scene = audit_checks.Scene(window=window, theme=window.theme, px_per_mm=panel.px_per_mm(tall, portrait),
                                   image=window.grab().toImage(), panel=panel, low_reach=window.low_reach,
                                   px_tall=tall)
        sizes[(name_variant, scene_name)] = audit_checks.text_sizes(scene)
        if not counterpart:
            results[(name_variant, scene_name)] = {name: check(scene) for name, check in audit_checks.CHECKS.items()}

    gallery.render(Path("."), langs=langs, orientations=orientations, elders=elders, only=only, reach=reach,
                   on_scene=on_scene, save=False, panel=panel)
    # 长辈版 against the same scene in the standard variant, when both were rendered
    for (name_variant, scene_name), checks in results.items():
        standard = (name_variant.replace("-elder", ""), scene_name)
        checks[ELDER_SCALE] = (audit_checks.elder_scale(sizes[standard], sizes[(name_variant, scene_name)])
                               if "-elder" in name_variant and standard in sizes else [])
    return results


#: the column of the comparison of each 长辈版 scene with its standard counterpart
ELDER_SCALE = "elder scale"


def table(results: dict) -> list[str]:
    from screens.audit_checks import CHECKS

    names = list(CHECKS) + [ELDER_SCALE]
    width = max([len(f"{v}/{s}") for v, s in results] + [5])
    lines = [f"{'scene':<{width}}  " + "  ".join(names)]
    for (v, s), checks in results.items():
        cells = [("ok" if not checks[n] else f"✗{len(checks[n])}").center(len(n)) for n in names]
        lines.append(f"{v + '/' + s:<{width}}  " + "  ".join(cells))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m screens.audit", description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only the scenes whose name contains this text")
    parser.add_argument("--variant", help="only this variant, e.g. landscape-en-elder or portrait-zh-lowreach "
                        "(an elder variant is compared with its standard counterpart, rendered too)")
    parser.add_argument("--platform", default="offscreen", help="Qt platform: offscreen (default) or xcb")
    parser.add_argument("--config", help="the terminal's config (panel size and height); default: the defaults")
    parser.add_argument("--quiet", action="store_true", help="the table only when something is wrong")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    from kiosk import config
    from kiosk.reach import Panel

    try:
        panel = Panel.from_config(config.load(args.config))
    except config.ConfigError as e:
        print(f"screens.audit: {e}", file=sys.stderr)
        return 2
    kw = {}
    if args.variant:
        parts = args.variant.split("-")
        kw = {"orientations": (parts[0],), "langs": (parts[1],),
              "elders": (False, True) if "elder" in parts else (False,), "reach": ("lowreach" in parts,)}
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_quiet_qt)
    results = run(only=args.only, variant=args.variant, panel=panel, **kw)
    bad = [(key, name, v) for key, checks in results.items() for name, vs in checks.items() for v in vs]
    if bad or not args.quiet:
        for line in table(results):
            print(line)
    for (variant, scene), name, v in bad:
        print(f"{variant}/{scene}: {name}: {v}")
    print(f"{len(results)} scenes, {len(bad)} violations")
    return 1 if bad or not results else 0


def _quiet_qt(mode, context, message) -> None:
    """The offscreen platform's sizing notes are not findings; anything else goes to stderr."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
