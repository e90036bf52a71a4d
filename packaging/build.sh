#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then check that the result runs on its own:
#   packaging/build.sh            -> dist/fuwushe/ (fuwushe, fuwushe-cli and _internal/)
# The checks run the built programs with a bare environment and Qt's offscreen platform: a demo club, the
# integrity check, both OR-Tools solvers (mutual-aid proposals and a month's rota), and the window opened on
# the default data folder and closed again after a few seconds.
set -euo pipefail
source "$(dirname "$0")/../tools/setup.sh"
install_debs
install_venv ""
cd "$ROOT"
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10"

started=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/fuwushe.spec
built=$(( $(date +%s) - started ))
BUNDLE="$ROOT/dist/fuwushe"
echo "Built $BUNDLE in ${built}s: $(du -sh "$BUNDLE" | cut -f1) on disk, $(find "$BUNDLE" -type f | wc -l) files"

# The checks: nothing from the checkout or the virtual environment is on any path.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() {
    (cd "$work" && env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        FUWUSHE_DATA_DIR="$work/data" "$@")
}
fail() { echo "Smoke test failed: $*" >&2; exit 1; }
# A command on the club as its director: the account named, the password on standard input (the practice club's).
as_director() { printf '1234\n' | run "$@" --user 演示主任; }
db="$work/club.sqlite"

run "$BUNDLE/fuwushe-cli" --version
run "$BUNDLE/fuwushe-cli" demo --db "$db" --people 300 | grep -q "已生成演示服务社" || fail "demo"
as_director "$BUNDLE/fuwushe-cli" check --db "$db" | grep -q "数据库完好" || fail "check"
as_director "$BUNDLE/fuwushe-cli" aid-suggest --db "$db" --json > "$work/aid.json" || fail "aid-suggest (min-cost flow)"
grep -q '"helper_ids"' "$work/aid.json" || fail "aid-suggest made no proposal"
as_director "$BUNDLE/fuwushe-cli" rota --db "$db" --month 2025-03 --generate --json > "$work/rota.json" ||
    fail "rota --generate (CP-SAT)"
grep -q '"volunteer_ids"' "$work/rota.json" || fail "rota has no shifts"
run timeout 120 "$BUNDLE/fuwushe" --db "$db" --quit-after 3 | grep -q "窗口已打开并关闭" || fail "window on --db"
run timeout 120 "$BUNDLE/fuwushe" --demo --quit-after 3 | grep -q "【演示】" || fail "window on --demo"
[ -f "$work/data/demo-club.sqlite" ] || fail "--demo did not make its club in the data folder"
as_director "$BUNDLE/fuwushe-cli" bulletin --db "$db" --month 2025-03 --out "$work/bulletin.pdf" | grep -q "月度通报" ||
    fail "bulletin (reportlab, the embedded font)"
ls "$BUNDLE"/_internal/pypdfium2_raw/*pdfium* >/dev/null 2>&1 || fail "PDFium (the bulletin preview) is not bundled"
echo "Smoke tests passed: demo, check, aid-suggest, rota --generate, bulletin, the window (--db and --demo)."
