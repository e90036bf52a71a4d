#!/usr/bin/env bash
# The Windows check: the app on Windows' own Python (the official embeddable CPython 3.11, with the Windows
# wheels of every dependency) under Wine 10, run as a Chinese office PC runs it (code page 936, UTC+8):
#   packaging/windows/check.sh
# It sets everything up once (see wine.sh; about 4 minutes and 2 GB on a cold cache, seconds after), installs
# the app's wheel built from this checkout, then runs the command-line smoke suite (packaging/smoke.py: demo,
# check, people, due, rota, aid proposals, visits, hours, Excel in and out, backup and restore, bulletin,
# return and consolidation, certificate, awards, accounts from NUL and from a pipe, --help on an English
# system, the practice club compared with this machine's) and opens the window with Qt's Windows plugin on a
# virtual screen (--quit-after). Exit 0 when all passed; otherwise the failing steps are listed with what was
# expected and what came back. Run as root, after ./test.sh (it uses .venv to build the wheel and read results).
# The installer (setup.exe) is built and checked by packaging/windows/installer-check.sh (CI runs both).
set -uo pipefail
source "$(dirname "$0")/wine.sh"

started=$(date +%s)
need_root
# pdftotext reads the PDFs back; test.sh installs it too.
install_host_debs poppler-utils
ensure_jail
ensure_windows_python
ensure_windows_wheels "${WINDOWS_EXTRA_WHEELS[@]}"
install_app_wheel
setup_seconds=$(( $(date +%s) - started ))
say "set up in ${setup_seconds}s"

work="$(mktemp -d /tmp/fuwushe-windows-check.XXXXXX)"
cleanup() { stop_wine; rm -rf "$work"; }
trap cleanup EXIT
trap "exit 143" INT TERM   # so that the cleanup runs when the check is stopped
start_wine "$ROOT" "$work"

say "smoke suite under Wine: $(in_jail wine --version 2>/dev/null), Windows Python $PYTHON_EXE, code page 936"
jail="chroot $JAIL /usr/bin/env HOME=/root PATH=/usr/local/bin:/usr/bin:/bin DISPLAY=$DISPLAY win"
"$(host_venv_python)" "$ROOT/packaging/smoke.py" --windows --work "$work" \
    --cli "$jail $PYTHON_EXE -m app" \
    --fingerprint "$jail $PYTHON_EXE" \
    --english-env "WIN_LANG=en_US.UTF-8" \
    --timings "${FUWUSHE_TIMINGS:-/dev/null}" | tee "$work/smoke.log"
status=${PIPESTATUS[0]}
say "Windows check took $(( $(date +%s) - started ))s (set-up ${setup_seconds}s)"
if [ $status -ne 0 ]; then
    echo "Windows check FAILED: the app misbehaved on Windows Python under Wine; the steps marked FAIL above say" \
         "what was expected and what came back." >&2
fi
# The count last, alone on its line, for whoever reads the closing line.
grep -E "^smoke: [0-9]+ passed, [0-9]+ failed$" "$work/smoke.log" | sed 's/^smoke:/windows:/' ||
    echo "windows: 0 passed, 1 failed"
exit $status
