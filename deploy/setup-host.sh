#!/usr/bin/env bash
# Prepares this machine for the kiosk: Debian packages, then a virtual environment.
# Run as root it installs missing Debian packages with apt-get; otherwise it prints the
# exact command to run and stops. Safe to run again: it only does what is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
V=${V:-0}

# apt and pip progress only with V=1 or when a step fails (then its whole output, for the reason).
quiet() {
    if [[ "$V" == 1 ]]; then
        "$@"
        return
    fi
    local log rc=0
    log=$(mktemp)
    "$@" >"$log" 2>&1 || rc=$?
    if ((rc)); then
        echo "setup: failed (exit $rc): $*" >&2
        cat "$log" >&2
    fi
    rm -f "$log"
    return "$rc"
}

mapfile -t wanted < <(grep -v '^\s*#' deploy/system-packages.txt | sed '/^\s*$/d')
missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
    cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then
        echo "setup: installing Debian packages: ${missing[*]}"
        quiet apt-get update
        quiet env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    else
        echo "setup: these Debian packages are missing: ${missing[*]}" >&2
        echo "setup: run this as root, then run make again:" >&2
        echo "    sudo sh -c '$cmd'" >&2
        exit 1
    fi
fi

"$PYTHON" - <<'PY' || { echo "setup: Python 3.11 or 3.12 is needed (found $($PYTHON --version 2>&1))" >&2; exit 1; }
import sys
sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 13) else 1)
PY

# CUPS keeps no printed document and only a short job history (deploy/cups/cupsd-kiosk.conf).
if [[ $(id -u) -eq 0 && -f /etc/cups/cupsd.conf ]]; then
    if [[ $(deploy/cups/apply-cupsd-settings.sh /etc/cups/cupsd.conf) == changed ]]; then
        echo "setup: cupsd settings applied to /etc/cups/cupsd.conf (no job files kept, short history)"
        if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet cups 2>/dev/null; then
            systemctl restart cups || true
        fi
    fi
fi

compile_translations() {
    "$VENV/bin/pyside6-lrelease" -silent screens/i18n/kiosk_en.ts -qm screens/i18n/kiosk_en.qm
    # The default voice prompts, spoken from the same strings; only new strings are synthesised.
    "$VENV/bin/python" -m kiosk.voice.pack --out "${VOICE_PACK_DIR:-var/voice/pack}" >/dev/null
}

stamp="$VENV/.installed"
want=$(cat pyproject.toml deploy/system-packages.txt | sha256sum | cut -c1-16)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    compile_translations
    exit 0
fi
[[ -x "$VENV/bin/python" ]] || quiet "$PYTHON" -m venv "$VENV"
echo "setup: installing the Python packages into $VENV (V=1 shows pip's progress)"
quiet "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip
quiet "$VENV/bin/python" -m pip install --disable-pip-version-check -e ".[test,pcsc]"
compile_translations
echo "$want" > "$stamp"
echo "setup: virtual environment ready in $VENV"
