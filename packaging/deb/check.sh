#!/usr/bin/env bash
# Install the .deb into a clean Debian with apt, as a club's administrator would, and check it:
#   packaging/deb/check.sh          builds dist/fuwushe_VERSION_amd64.deb first when it is missing
# A Debian 12 folder is made once with debootstrap (cached in ~/.cache/fuwushe-deb, about 1 minute) and copied
# afresh for every run, so each run starts from a system that never had the app. In the copy:
# `apt install ./fuwushe_….deb` (which brings the dependencies from Debian), the menu entry and the icons in
# place, the command-line smoke suite (packaging/smoke.py) on `fuwushe` and the window on Qt's offscreen
# platform, then `apt remove fuwushe`: the program and its menu entry gone, the user's data kept.
# Run as root (debootstrap, chroot, bind mounts).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${FUWUSHE_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fuwushe-deb}"
BASE="$CACHE/debian-12"
say() { printf '[deb %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '\n.deb check FAILED: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, chroot)"
started=$(date +%s)

version="$("$ROOT/.venv/bin/python" -c 'import app; print(app.__version__)')" || die "no .venv: run ./test.sh first"
deb="$ROOT/dist/fuwushe_${version}_amd64.deb"
[ -f "$deb" ] || bash "$ROOT/packaging/deb/build.sh" || die "the .deb was not built"

if [ ! -f "$BASE/.ready" ]; then
    command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; } ||
        die "debootstrap is needed"
    say "making a clean Debian 12 folder (once)"
    rm -rf "$BASE" && mkdir -p "$CACHE"
    debootstrap --variant=minbase bookworm "$BASE" >"$CACHE/debootstrap.log" 2>&1 ||
        die "debootstrap failed; see $CACHE/debootstrap.log"
    touch "$BASE/.ready"
fi

system="$(mktemp -d /tmp/fuwushe-deb-check.XXXXXX)"
work="$(mktemp -d /tmp/fuwushe-deb-smoke.XXXXXX)"
mounts=()
cleanup() {
    local i
    for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}"; done
    findmnt -rn -o TARGET | grep -q "^$system/" || rm -rf "$system" "$work"
}
trap cleanup EXIT
trap "exit 143" INT TERM
cp -a "$BASE/." "$system/"
for what in proc dev; do
    if [ $what = proc ]; then mount -t proc proc "$system/proc"; else mount --bind /dev "$system/dev"; fi ||
        die "could not mount /$what in the Debian folder"
    mounts+=("$system/$what")
done
cp "$deb" "$system/root/"
inside() { chroot "$system" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 "$@"; }
failures=()
fail() { echo "  FAIL  $*"; failures+=("$*"); }
pass() { echo "  ok    $*"; }

say "apt install ./$(basename "$deb") into a Debian that never had it"
t0=$(date +%s)
inside sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /root/$(basename "$deb")" \
    >"$system/root/apt.log" 2>&1 && pass "installed with its dependencies in $(( $(date +%s) - t0 ))s" ||
    { tail -20 "$system/root/apt.log"; die "apt could not install the package"; }
inside test -x /usr/bin/fuwushe && pass "the command fuwushe" || fail "no /usr/bin/fuwushe"
grep -q "^Exec=/opt/fuwushe/fuwushe$" "$system/usr/share/applications/fuwushe.desktop" 2>/dev/null &&
    grep -q "^Name=服务社工作台$" "$system/usr/share/applications/fuwushe.desktop" &&
    pass "the menu entry 服务社工作台" || fail "no menu entry in /usr/share/applications"
[ -f "$system/usr/share/icons/hicolor/48x48/apps/fuwushe.png" ] && [ -f "$system/usr/share/icons/hicolor/scalable/apps/fuwushe.svg" ] &&
    pass "the icon in every size" || fail "no icon under /usr/share/icons/hicolor"

say "the smoke suite on the installed fuwushe"
# The smoke runs here and starts the program inside: the work folder is at the same path both sides.
mkdir -p "$system$work"
mount --bind "$work" "$system$work" && mounts+=("$system$work")
run="chroot $system /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen fuwushe"
"$ROOT/.venv/bin/python" "$ROOT/packaging/smoke.py" --work "$work" --cli "$run" || fail "the smoke suite (above)"
[ -f "$system/root/.local/share/fuwushe/fuwushe-errors.log" ] && fail "an error log was written"
inside env QT_QPA_PLATFORM=offscreen fuwushe --demo --quit-after 3 2>/dev/null | grep -q "【演示】" &&
    pass "the practice club opens (made in ~/.local/share/fuwushe)" || fail "fuwushe --demo"

say "apt remove fuwushe"
inside sh -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq fuwushe" >/dev/null 2>&1 || fail "apt remove failed"
[ ! -e "$system/opt/fuwushe" ] && [ ! -e "$system/usr/bin/fuwushe" ] && [ ! -e "$system/usr/share/applications/fuwushe.desktop" ] &&
    pass "the program, the command and the menu entry removed" || fail "files left after apt remove"
[ -f "$system/root/.local/share/fuwushe/demo-club.sqlite" ] && pass "the user's data kept" || fail "the user's data is gone"

say ".deb check took $(( $(date +%s) - started ))s"
if [ ${#failures[@]} -gt 0 ]; then
    printf '  %s\n' "${failures[@]}" >&2
    die "${#failures[@]} checks failed (listed above)"
fi
echo ".deb check passed: $(basename "$deb"), $(du -h "$deb" | cut -f1)."
