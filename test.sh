#!/usr/bin/env bash
# Install what is missing, then run the whole test suite. Extra arguments go to pytest.
set -uo pipefail
source "$(dirname "$0")/tools/setup.sh"
# poppler: the tests read rendered PDFs back; LibreOffice: they recalculate the branch return as the branch does
install_debs poppler-utils libreoffice-calc-nogui || exit 1
install_venv test || exit 1
cd "$ROOT"
# The tests' temporary club files live in memory when the machine has room there: the app commits with
# synchronous=FULL (an fsync per commit, as the club's PC should), which on a disk is most of the suite's time.
# The crash tests still kill real writers on that file system, and production is untouched.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] &&
   [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')" -gt 2000000 ] 2>/dev/null; then
    export TMPDIR="$(mktemp -d /dev/shm/fuwushe-tests.XXXXXX)"
    trap 'rm -rf "$TMPDIR"' EXIT
fi
"$VENV/bin/python" -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass." >&2
    exit 1
fi
exit $status
