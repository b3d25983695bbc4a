"""Builds efz-kiosk_VERSION_amd64.deb from the PyInstaller bundle: ``make deb``.

``python deploy/deb/build_deb.py --bundle dist/efz-kiosk --out dist [--version V]``

The package holds the bundle under /opt/efz-kiosk/efz-kiosk (with /usr/bin/efz-kiosk pointing
at it), both systemd units, the X server settings, the cupsd settings and the script that applies
them, an example terminal config, and the maintainer scripts of deploy/deb/ (system user, 0700
store, 0750 config directory with the config 0600, restart on upgrade, purge that says what it
deletes). Files are owned by root whatever user builds it (dpkg-deb --root-owner-group).
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PACKAGE = "efz-kiosk"
MAINTAINER = "e-Fuzhou kiosk maintainers <kiosk@example.gov.cn>"
#: Debian packages the bundle needs at run time (the rest of deploy/system-packages.txt is for
#: building and testing)
DEPENDS = [
    "adduser", "sensible-utils", "libc6 (>= 2.36)", "libzbar0", "fonts-noto-cjk", "libegl1", "libgl1", "libfontconfig1",
    "libdbus-1-3", "libxkbcommon0", "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0",
    "libxcb-xkb1", "libusb-1.0-0", "cups", "cups-client", "pcscd", "xserver-xorg-core",
    "xserver-xorg-input-libinput",
]
DESCRIPTION = """\
Description: e-Fuzhou self-service government terminal
 The touchscreen shell of a self-service government terminal: ID card and
 social security card readers, QR scanners, receipt and CUPS printers, print
 jobs exchanged with the central platform and queued durably while offline.
 Runs as the efz-kiosk system user under systemd, with its own X server.
"""
EXAMPLE_CONFIG = """\
# The terminal's own config (overrides the bundle's defaults). Mode 0600: it holds the PIN hash.
# Enrol the terminal in technician mode (or write terminal.secret_file), then set the PIN:
#   efz-kiosk diag set-pin --config /etc/efz-kiosk/terminal.toml
[terminal]
id = "FZ-CHANGE-ME"
name = "e福州 自助服务终端"
secret_file = "/etc/efz-kiosk/terminal.secret"

[platform]
base_url = "https://platform.example.gov.cn/api/kiosk/v1"

[storage]
dir = "/var/lib/efz-kiosk"
"""
COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: efz-kiosk
Source: https://example.gov.cn/efz-kiosk

Files: *
Copyright: 2026 e-Fuzhou kiosk maintainers
License: proprietary
 The terminal software of the e-Fuzhou self-service programme. The bundled
 third-party libraries keep their own licences, listed in
 /opt/efz-kiosk/efz-kiosk/_internal.
"""
LINTIAN_OVERRIDES = """\
# The bundle is a self-contained PyInstaller folder, installed under /opt as operators expect of
# vendor software; its libraries are the ones it was built and tested with.
efz-kiosk: dir-or-file-in-opt *
efz-kiosk: embedded-library *
efz-kiosk: unstripped-binary-or-object *
efz-kiosk: shared-library-lacks-prerequisites *
efz-kiosk: library-not-linked-against-libc *
efz-kiosk: spelling-error-in-binary *
efz-kiosk: statically-linked-binary *
efz-kiosk: executable-not-elf-or-script *
efz-kiosk: shared-library-is-executable *
efz-kiosk: arch-dependent-file-not-in-arch-specific-directory *
efz-kiosk: package-contains-documentation-outside-usr-share-doc *
efz-kiosk: script-not-executable *
efz-kiosk: unusual-interpreter *
efz-kiosk: maintainer-script-calls-systemctl *
efz-kiosk: systemd-service-file-refers-to-unusual-wantedby-target *
efz-kiosk: package-installs-into-obsolete-dir *
"""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from kiosk import __version__

    return __version__


def _copy(src: Path, dest: Path, mode: int) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    os.chmod(dest, mode)


def _write(dest: Path, text: str, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    os.chmod(dest, mode)


def drop_foreign_runpaths(folder: Path) -> int:
    """Remove RUNPATH/RPATH entries that point outside the bundle (a build machine's Python, e.g.
    a pyenv under /root, is baked into its extension modules): on a terminal they would make the
    loader search a directory the package does not own. Returns how many files were changed."""
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        raise SystemExit("build_deb: patchelf is needed (Debian package patchelf)")
    changed = 0
    for f in folder.rglob("*"):
        if f.is_symlink() or not f.is_file() or not (".so" in f.name or os.access(f, os.X_OK)):
            continue
        with open(f, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        got = subprocess.run([patchelf, "--print-rpath", str(f)], capture_output=True, text=True)
        paths = [p for p in got.stdout.strip().split(":") if p]
        if got.returncode != 0 or not paths or all(p.startswith("$ORIGIN") for p in paths):
            continue
        kept = [p for p in paths if p.startswith("$ORIGIN")]
        cmd = [patchelf, "--set-rpath", ":".join(kept), str(f)] if kept else [patchelf, "--remove-rpath", str(f)]
        subprocess.run(cmd, check=True, capture_output=True)
        changed += 1
    return changed


def stage(bundle: Path, tree: Path, ver: str) -> None:
    """Lay the package's files out under ``tree`` (DEBIAN/ included)."""
    opt = tree / "opt" / PACKAGE
    shutil.copytree(bundle, opt / PACKAGE, symlinks=True)
    for d in [opt, *[p for p in opt.rglob("*") if p.is_dir() and not p.is_symlink()]]:
        os.chmod(d, 0o755)
    for f in opt.rglob("*"):
        if f.is_file() and not f.is_symlink():
            os.chmod(f, 0o755 if os.access(f, os.X_OK) else 0o644)
    drop_foreign_runpaths(opt / PACKAGE)
    (tree / "usr" / "bin").mkdir(parents=True)
    (tree / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}/{PACKAGE}")
    for unit in ("efz-kiosk.service", "efz-kiosk-x.service"):
        _copy(ROOT / "deploy" / unit, tree / "lib" / "systemd" / "system" / unit, 0o644)
    _copy(ROOT / "deploy" / "xorg" / "10-efz-kiosk.conf", tree / "etc" / "X11" / "xorg.conf.d" / "10-efz-kiosk.conf", 0o644)
    share = tree / "usr" / "share" / PACKAGE
    _copy(ROOT / "deploy" / "cups" / "cupsd-kiosk.conf", share / "cups" / "cupsd-kiosk.conf", 0o644)
    _copy(ROOT / "deploy" / "cups" / "apply-cupsd-settings.sh", share / "cups" / "apply-cupsd-settings.sh", 0o755)
    _write(share / "terminal.toml.example", EXAMPLE_CONFIG)
    doc = tree / "usr" / "share" / "doc" / PACKAGE
    _write(doc / "copyright", COPYRIGHT)
    _copy(ROOT / "docs" / "operations.md", doc / "operations.md", 0o644)
    changelog = (f"{PACKAGE} ({ver}) stable; urgency=medium\n\n  * Release {ver}.\n\n"
                 f" -- {MAINTAINER}  Wed, 02 Dec 2026 00:00:00 +0000\n")
    with gzip.GzipFile(doc / "changelog.gz", "wb", mtime=0) as f:
        f.write(changelog.encode("utf-8"))
    os.chmod(doc / "changelog.gz", 0o644)
    _write(tree / "usr" / "share" / "lintian" / "overrides" / PACKAGE, LINTIAN_OVERRIDES)
    control = tree / "DEBIAN"
    control.mkdir()
    size_kb = sum(f.stat().st_size for f in tree.rglob("*") if f.is_file() and not f.is_symlink()) // 1024
    _write(control / "control", (
        f"Package: {PACKAGE}\nVersion: {ver}\nArchitecture: amd64\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kb}\nDepends: {', '.join(DEPENDS)}\nSection: misc\nPriority: optional\n"
        f"Homepage: https://example.gov.cn/efz-kiosk\n{DESCRIPTION}"))
    _write(control / "conffiles", "/etc/X11/xorg.conf.d/10-efz-kiosk.conf\n")
    for script in ("postinst", "prerm", "postrm"):
        _copy(HERE / script, control / script, 0o755)


def build(bundle: Path, out: Path, ver: str, *, fast: bool = False) -> Path:
    """``fast``: gzip -1 instead of xz (tests build it twice; operators get the small one)."""
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb: no bundle at {bundle} (run make bundle first)")
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{ver}_amd64.deb"
    with tempfile.TemporaryDirectory(prefix="efz-deb-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        os.chmod(tree, 0o755)
        stage(bundle, tree, ver)
        compression = ["-Zgzip", "-z1"] if fast else ["-Zxz"]
        subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(tree), str(deb)],
                       check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_deb", description="Build the efz-kiosk Debian package")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=None, help="package version (default: kiosk.__version__)")
    parser.add_argument("--fast", action="store_true", help="quick gzip compression (tests)")
    args = parser.parse_args(argv)
    deb = build(args.bundle, args.out, args.version or version(), fast=args.fast)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
