#!/usr/bin/env bash
# Put 服务社工作台 in the desktop's application menu for the current user (Linux):
#   packaging/install-desktop-entry.sh                 the `app` command (pipx install .)
#   packaging/install-desktop-entry.sh /opt/fuwushe/fuwushe   a built folder's program
# Copies the icon sizes into ~/.local/share/icons/hicolor and the .desktop file into
# ~/.local/share/applications, with Exec pointing at the program given.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ICONS="$HERE/../resources/icons"
exec_path="${1:-app}"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
for png in "$ICONS"/app-*.png; do
    size="$(basename "$png" .png)"; size="${size#app-}"
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data/icons/hicolor/${size}x${size}/apps/fuwushe.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications"
cp "$ICONS/app.svg" "$data/icons/hicolor/scalable/apps/fuwushe.svg"
sed "s|^Exec=.*|Exec=\"$exec_path\"|" "$HERE/fuwushe.desktop" > "$data/applications/fuwushe.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "Installed $data/applications/fuwushe.desktop (Exec=$exec_path)"
