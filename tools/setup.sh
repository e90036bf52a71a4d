# Sourced by start.sh and test.sh: everything a fresh Debian/Ubuntu machine needs, installed once.
#   - the Qt runtime libraries a real window needs (libxcb-cursor0 and friends), via apt-get
#   - a virtual environment in .venv with the app (editable) and, for tests, pytest and pytest-qt
# Re-running is quick: each step is skipped when already done.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
QT_DEBS="libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6"

install_debs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: the OS's own Qt libraries are assumed
    local missing=() pkg
    for pkg in $QT_DEBS "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "Please install these packages first: apt-get install ${missing[*]}" >&2; return 1; fi
    fi
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pick_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "Python 3.11 or newer is needed (apt-get install python3 python3-venv)" >&2
    return 1
}

install_venv() {
    local extra="$1" stamp python
    python="$(pick_python)" || return 1
    if [ ! -x "$VENV/bin/python" ]; then
        "$python" -m venv "$VENV" || { echo "Could not make $VENV (apt-get install python3-venv)" >&2; return 1; }
    fi
    stamp="$VENV/.installed-$(cat "$ROOT/pyproject.toml" | sha1sum | cut -c1-12)-${extra:-app}"
    if [ ! -f "$stamp" ]; then
        echo "Installing the app into $VENV (first run only) ..."
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e "$ROOT${extra:+[$extra]}"
        touch "$stamp"
    fi
}
