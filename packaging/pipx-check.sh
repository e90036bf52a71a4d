#!/usr/bin/env bash
# Install the app the way a user would with pipx, into a throw-away pipx home, and check the `app` command:
#   packaging/pipx-check.sh
# Needs the package index (or a pip cache) for the dependencies; takes a few minutes the first time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/setup.sh"
python="$(pick_python)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/tool"
"$work/tool/bin/python" -m pip install -q pipx
export PIPX_HOME="$work/pipx" PIPX_BIN_DIR="$work/bin" PIPX_MAN_DIR="$work/man"
"$work/tool/bin/pipx" install "$ROOT"
fail() { echo "pipx check failed: $*" >&2; exit 1; }
cd "$work"
export QT_QPA_PLATFORM=offscreen FUWUSHE_DATA_DIR="$work/data"
"$work/bin/app" --help | grep -q "demo" || fail "app --help"
"$work/bin/app" demo --db "$work/x.sqlite" --people 100 | grep -q "已生成演示服务社" || fail "app demo"
"$work/bin/app" check --db "$work/x.sqlite" | grep -q "数据库完好" || fail "app check"
"$work/bin/app" aid-suggest --db "$work/x.sqlite" --json | grep -q '"helper_ids"' || fail "app aid-suggest"
"$work/bin/app" --demo --quit-after 2 | grep -q "【演示】" || fail "app --demo (the window)"
echo "pipx install works: app --help, demo, check, aid-suggest and the window."
