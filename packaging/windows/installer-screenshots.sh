#!/usr/bin/env bash
# The pictures of the installer in the Chinese guide, taken from the real setup.exe under Wine:
#   packaging/windows/installer-screenshots.sh      -> docs/guide/install-*.png
# Builds nothing: run packaging/windows/build.sh first. Steps through the installer's pages with the keyboard
# (xdotool on the virtual screen), grabs the screen with Windows' own screen copy (Pillow's ImageGrab on the
# Windows Python) and keeps the installer's window. Leaves the Wine prefix without the app (uninstalled).
set -uo pipefail
source "$(dirname "$0")/wine.sh"

version="$("$(host_venv_python)" -c 'import app; print(app.__version__)')"
setup="$ROOT/dist/fuwushe-$version-setup.exe"
[ -f "$setup" ] || die "no $setup: run packaging/windows/build.sh first"
out="$ROOT/docs/guide"
ensure_jail
ensure_windows_python
ensure_windows_wheels "${WINDOWS_EXTRA_WHEELS[@]}"
work="$(mktemp -d /tmp/fuwushe-installer-pictures.XXXXXX)"
cleanup() { stop_wine; rm -rf "$work"; }
trap cleanup EXIT
trap "exit 143" INT TERM
start_wine "$ROOT" "$work"
x() { in_jail env DISPLAY="$DISPLAY" xdotool "$@"; }
find_window() {   # the newest visible window whose title holds $1, waiting up to 60 s
    local id=""
    for _ in $(seq 300); do
        id=$(x search --onlyvisible --name "$1" 2>/dev/null | tail -1)
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 0.2
    done
    return 1
}
shoot() {   # shoot NAME WINDOW: the screen, cut to the window
    local geometry
    sleep 1.5
    geometry=$(x getwindowgeometry --shell "$2") || die "no geometry for $1"
    in_jail env DISPLAY="$DISPLAY" win "$PYTHON_EXE" -c \
        "from PIL import ImageGrab; ImageGrab.grab().save(r'$(printf 'Z:%s' "$work/screen.png" | tr / '\\')')" \
        </dev/null >/dev/null 2>&1 || die "could not grab the screen for $1"
    "$(host_venv_python)" - "$work/screen.png" "$out/$1.png" "$geometry" <<'EOF'
import sys
from PIL import Image
screen, target, shell = sys.argv[1:]
g = dict(line.split("=") for line in shell.split())
x, y, w, h = (int(g[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
Image.open(screen).crop((x, y, x + w, y + h)).convert("RGB").save(target, optimize=True)
EOF
    say "$out/$1.png"
}

rm -rf "$JAIL$PREFIX_IN_JAIL/drive_c/Program Files/服务社工作台"
in_jail env DISPLAY="$DISPLAY" win "$(printf 'Z:%s' "$setup" | tr / '\\')" </dev/null >/dev/null 2>&1 &
installer=$!
window=$(find_window "服务社工作台") || die "the installer's window did not appear"
shoot install-welcome "$window"
x key --window "$window" Return                           # 下一步
shoot install-folder "$window"
x key --window "$window" Return                           # 安装
for _ in $(seq 120); do                                    # until the last page (the “run now” box)
    sleep 1
    x search --onlyvisible --name "服务社工作台" >/dev/null 2>&1 || break
    [ -f "$JAIL$PREFIX_IN_JAIL/drive_c/Program Files/服务社工作台/uninstall.exe" ] && break
done
sleep 4
shoot install-done "$(find_window "服务社工作台")"
x key --window "$(find_window "服务社工作台")" space      # untick “现在打开服务社工作台”
x key --window "$(find_window "服务社工作台")" Return     # 完成
wait "$installer"

in_jail env DISPLAY="$DISPLAY" win 'C:/Program Files/服务社工作台/uninstall.exe' </dev/null >/dev/null 2>&1 &
window=$(find_window "服务社工作台") || die "the uninstaller's window did not appear"
shoot uninstall-confirm "$window"
x key --window "$window" Return                           # 卸载
sleep 8
x key --window "$(find_window "服务社工作台")" Return 2>/dev/null   # 关闭
sleep 3
say "pictures in $out"
