#!/usr/bin/env bash
# Build the Windows installer and check it under Wine 10 as a Chinese office PC would use it:
#   packaging/windows/installer-check.sh            build (packaging/windows/build.sh), then check
#   packaging/windows/installer-check.sh --no-build check dist/fuwushe-VERSION-setup.exe as it is
# The check installs setup.exe silently, looks for the program, the shortcuts and the uninstall entry, runs
# the command-line smoke suite (packaging/smoke.py) on the installed fuwushe-cli.exe and opens the window
# with the installed fuwushe.exe and fuwushe-cli.exe, times the start-up, opens the practice club (made in
# %APPDATA%\fuwushe), installs again over the top (an upgrade), then uninstalls silently and checks that
# the program and its shortcuts are gone and the data folder is not. Run as root, after ./test.sh.
set -uo pipefail
source "$(dirname "$0")/wine.sh"

started=$(date +%s)
if [ "${1:-}" != "--no-build" ]; then
    bash "$HERE_WIN/build.sh" || die "the installer was not built"
fi
version="$("$(host_venv_python)" -c 'import app; print(app.__version__)')"
setup="$ROOT/dist/fuwushe-$version-setup.exe"
[ -f "$setup" ] || die "no $setup: build it with packaging/windows/build.sh"
install_host_debs poppler-utils
ensure_jail

work="$(mktemp -d /tmp/fuwushe-installer-check.XXXXXX)"
cleanup() { stop_wine; rm -rf "$work"; }
trap cleanup EXIT
trap "exit 143" INT TERM   # so that the cleanup runs when the check is stopped
start_wine "$ROOT" "$work"

drive_c="$JAIL$PREFIX_IN_JAIL/drive_c"
program_dir="$drive_c/Program Files/服务社工作台"
data_dir="$drive_c/users/root/AppData/Roaming/fuwushe"
desktop_link="$drive_c/users/Public/Desktop/服务社工作台.lnk"
menu_dir="$drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/服务社工作台"
win_path() { printf 'Z:%s' "$1" | tr / '\\'; }
win() { in_jail env DISPLAY="$DISPLAY" win "$@" </dev/null; }
failures=()
fail() { echo "  FAIL  $*"; failures+=("$*"); }
pass() { echo "  ok    $*"; }
since() { python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.1f}")' "$1"; }

# A clean machine: no earlier install, no data folder.
rm -rf "$program_dir" "$data_dir" "$desktop_link" "$menu_dir"

say "installing $(basename "$setup") silently ($(du -h "$setup" | cut -f1))"
t0=$(date +%s.%N)
win "$(win_path "$setup")" /S >/dev/null 2>&1 || fail "setup.exe /S exited with an error"
install_seconds=$(since "$t0")
[ -f "$program_dir/fuwushe.exe" ] && [ -f "$program_dir/fuwushe-cli.exe" ] && [ -f "$program_dir/uninstall.exe" ] &&
    pass "installed into C:\\Program Files\\服务社工作台 in ${install_seconds}s ($(du -sh "$program_dir" | cut -f1))" ||
    fail "the program is not in C:\\Program Files\\服务社工作台"
[ -f "$desktop_link" ] && pass "desktop shortcut" || fail "no desktop shortcut 服务社工作台.lnk"
[ -f "$menu_dir/服务社工作台.lnk" ] && [ -f "$menu_dir/卸载服务社工作台.lnk" ] &&
    pass "Start-menu shortcuts (the program, the practice club, the uninstaller)" || fail "no Start-menu shortcuts"
win reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\fuwushe' /v DisplayVersion 2>/dev/null |
    grep -q "$version" && pass "listed under 程序和功能 with version $version" || fail "no uninstall entry in the registry"

say "the smoke suite on the installed program"
cli="chroot $JAIL /usr/bin/env HOME=/root PATH=/usr/local/bin:/usr/bin:/bin DISPLAY=$DISPLAY win 'C:/Program Files/服务社工作台/fuwushe-cli.exe'"
gui="chroot $JAIL /usr/bin/env HOME=/root PATH=/usr/local/bin:/usr/bin:/bin DISPLAY=$DISPLAY win 'C:/Program Files/服务社工作台/fuwushe.exe'"
"$(host_venv_python)" "$ROOT/packaging/smoke.py" --windows --work "$work" --cli "$cli" \
    --english-env "WIN_LANG=en_US.UTF-8" --timings "${FUWUSHE_TIMINGS:-/dev/null}" || fail "the smoke suite (above)"
"$(host_venv_python)" "$ROOT/packaging/smoke.py" --windows --work "$work/windowed" --cli "$cli" --window "$gui" \
    --only-window >/dev/null || fail "the windowed fuwushe.exe did not open and close its window"
[ -f "$data_dir/fuwushe-errors.log" ] && fail "fuwushe.exe wrote an error log: $(head -c 600 "$data_dir/fuwushe-errors.log")"

say "start-up: from starting fuwushe.exe to its log-in window on the screen, five times"
win 'C:/Program Files/服务社工作台/fuwushe.exe' --demo --quit-after 5 >/dev/null 2>&1 ||
    fail "fuwushe.exe --demo (making the practice club)"
[ -f "$data_dir/demo-club.sqlite" ] && pass "the practice club made in %APPDATA%\\fuwushe" ||
    fail "--demo made no demo-club.sqlite in %APPDATA%\\fuwushe"
times=()
for i in 1 2 3 4 5; do
    t0=$(date +%s.%N)
    in_jail env DISPLAY="$DISPLAY" win 'C:/Program Files/服务社工作台/fuwushe.exe' --demo </dev/null >/dev/null 2>&1 &
    app_pid=$!
    window=""
    for _ in $(seq 600); do
        window=$(in_jail env DISPLAY="$DISPLAY" xdotool search --onlyvisible --name "谁在值班" 2>/dev/null | head -1)
        [ -n "$window" ] && break
        sleep 0.2
    done
    [ -n "$window" ] && times+=("$(since "$t0")") || { fail "no log-in window within 120 s"; kill "$app_pid"; break; }
    in_jail env DISPLAY="$DISPLAY" xdotool key --window "$window" Escape >/dev/null 2>&1
    for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
    kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null
done
startup=$(printf '%s\n' "${times[@]:-0}" | sort -n | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
pass "start-up to the log-in window: median ${startup} s (${times[*]:-none})"

say "installing again over the top (an upgrade)"
before=$(sha1sum "$data_dir/demo-club.sqlite" 2>/dev/null | cut -c1-40)
win "$(win_path "$setup")" /S >/dev/null 2>&1 || fail "the second setup.exe /S exited with an error"
[ "$(sha1sum "$data_dir/demo-club.sqlite" 2>/dev/null | cut -c1-40)" = "$before" ] &&
    pass "the data folder untouched by the upgrade" || fail "the upgrade changed the data folder"
echo 1234 | in_jail env DISPLAY="$DISPLAY" win 'C:/Program Files/服务社工作台/fuwushe-cli.exe' check \
    --db 'C:/users/root/AppData/Roaming/fuwushe/demo-club.sqlite' --user 演示主任 2>/dev/null |
    iconv -f gbk -t utf-8 | grep -q "数据库完好" && pass "the upgraded program opens the data" ||
    fail "the upgraded program cannot check the practice club"

say "uninstalling silently"
win 'C:/Program Files/服务社工作台/uninstall.exe' /S >/dev/null 2>&1 || fail "uninstall.exe /S exited with an error"
for _ in $(seq 60); do [ -e "$program_dir" ] || break; sleep 1; done   # it finishes from a copy of itself
[ ! -e "$program_dir" ] && pass "the program folder removed" || fail "the program folder is still there: $(ls "$program_dir")"
[ ! -e "$desktop_link" ] && [ ! -e "$menu_dir" ] && pass "the shortcuts removed" || fail "shortcuts left behind"
win reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\fuwushe' >/dev/null 2>&1 &&
    fail "the uninstall entry is still in the registry" || pass "the uninstall entry removed"
[ -f "$data_dir/demo-club.sqlite" ] && pass "the data folder kept (%APPDATA%\\fuwushe)" ||
    fail "uninstalling removed the club's data"

say "installer check took $(( $(date +%s) - started ))s"
if [ ${#failures[@]} -gt 0 ]; then
    printf '  %s\n' "${failures[@]}" >&2
    die "${#failures[@]} installer checks failed (listed above)"
fi
echo "Installer check passed: $(basename "$setup"), $(du -h "$setup" | cut -f1); start-up $(printf '%.1f' "$startup") s under Wine."
