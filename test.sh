#!/usr/bin/env bash
# Install what is missing, then run the whole test suite. Extra arguments go to pytest.
set -uo pipefail
source "$(dirname "$0")/tools/setup.sh"
# poppler: the tests read rendered PDFs back; LibreOffice: they recalculate the branch return as the branch does
install_debs poppler-utils libreoffice-calc-nogui || exit 1
install_venv test || exit 1
cd "$ROOT"
"$VENV/bin/python" -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass." >&2
    exit 1
fi
exit $status
