#!/bin/sh
# apply-cupsd-settings.sh [CUPSD_CONF] — put the kiosk's cupsd settings (cupsd-kiosk.conf beside
# this script) into CUPSD_CONF (default /etc/cups/cupsd.conf): each directive named there is
# removed where it stood, then the settings are written in one marked block at the end (top
# level). Safe to run again; prints "changed" when the file changed, "unchanged" otherwise.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
settings=${KIOSK_CUPSD_SETTINGS:-$here/cupsd-kiosk.conf}
conf=${1:-/etc/cups/cupsd.conf}
[ -f "$conf" ] || { echo "apply-cupsd-settings: $conf does not exist" >&2; exit 1; }
begin="# BEGIN efz-kiosk settings (deploy/cups/cupsd-kiosk.conf)"
end="# END efz-kiosk settings"
directives=$(grep -v '^[[:space:]]*#' "$settings" | awk 'NF {print $1}' | sort -u | tr '\n' '|' | sed 's/|$//')
tmp=$(mktemp "$conf.XXXXXX")
trap 'rm -f "$tmp"' EXIT
awk -v begin="$begin" -v end="$end" -v names="$directives" '
    BEGIN { n = split(names, list, "|"); for (i = 1; i <= n; i++) drop[list[i]] = 1 }
    $0 == begin { skipping = 1; next }
    $0 == end { skipping = 0; next }
    skipping { next }
    /^[[:space:]]*</ { if ($0 ~ /^[[:space:]]*<\//) depth--; else depth++ }
    depth == 0 && ($1 in drop) { next }
    { print }
' "$conf" > "$tmp"
{
    echo "$begin"
    grep -v '^[[:space:]]*#' "$settings" | sed '/^[[:space:]]*$/d'
    echo "$end"
} >> "$tmp"
if cmp -s "$tmp" "$conf"; then
    echo unchanged
    exit 0
fi
chmod --reference="$conf" "$tmp" 2>/dev/null || chmod 0640 "$tmp"
chown --reference="$conf" "$tmp" 2>/dev/null || true
mv "$tmp" "$conf"
trap - EXIT
echo changed
