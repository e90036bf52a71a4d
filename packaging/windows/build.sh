#!/usr/bin/env bash
# Build the Windows installer on Linux:
#   packaging/windows/build.sh             -> dist/windows/fuwushe/ (the one-folder build) and dist/fuwushe-VERSION-setup.exe
#   packaging/windows/build.sh --nsis-only  only the setup.exe again, from the folder already built
# PyInstaller does not cross-compile, so it runs on Windows' own Python under Wine 10 (set up as for the
# Windows check, wine.sh) with the same spec as the Linux build (packaging/fuwushe.spec); Debian's makensis
# then wraps the folder into one Chinese setup.exe (packaging/windows/installer.nsi). Run as root, after
# ./test.sh. packaging/windows/installer-check.sh installs the result under Wine and checks it.
set -uo pipefail
source "$(dirname "$0")/wine.sh"

started=$(date +%s)
need_root
install_host_debs nsis
ensure_jail
ensure_windows_python
ensure_windows_wheels "${WINDOWS_EXTRA_WHEELS[@]}"
install_app_wheel

version="$("$(host_venv_python)" -c 'import app; print(app.__version__)')" || die "no app version"
dist="$ROOT/dist/windows"
setup="$ROOT/dist/fuwushe-$version-setup.exe"
if [ "${1:-}" != "--nsis-only" ]; then
    rm -rf "$dist" "$ROOT/build/windows"
    mkdir -p "$dist" "$ROOT/build/windows"

    trap stop_wine EXIT
    trap "exit 143" INT TERM
    start_wine "$ROOT" "$ROOT"
    say "PyInstaller under Wine (about 2 minutes)"
    in_jail env DISPLAY="$DISPLAY" win "$PYTHON_EXE" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$(printf 'Z:%s' "$dist" | tr / '\\')" --workpath "$(printf 'Z:%s' "$ROOT/build/windows" | tr / '\\')" \
        "$(printf 'Z:%s' "$ROOT/packaging/fuwushe.spec" | tr / '\\')" </dev/null 2>&1 |
        grep -Ev "XDG_RUNTIME_DIR|^$" | cat
    stop_wine
    trap - EXIT
    for program in fuwushe.exe fuwushe-cli.exe _internal; do
        [ -e "$dist/fuwushe/$program" ] || die "PyInstaller made no $program in $dist/fuwushe"
    done
fi
built=$(( $(date +%s) - started ))
say "one-folder build: $(du -sh "$dist/fuwushe" | cut -f1) in $(find "$dist/fuwushe" -type f | wc -l) files"

say "makensis"
rm -f "$setup"
makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$version" -DSOURCE="$dist/fuwushe" -DOUTFILE="$setup" \
    -DICON="$ROOT/resources/icons/app.ico" "$ROOT/packaging/windows/installer.nsi" || die "makensis failed"
say "built $setup: $(du -h "$setup" | cut -f1) ($(( $(date +%s) - started ))s in all, the folder in ${built}s)"
