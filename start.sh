#!/usr/bin/env bash
# Install what is missing, then start 服务社工作台 on the default database.
#   ./start.sh            the club's own database (in the user's data folder)
#   ./start.sh --demo     a separate demo club to practise on
#   ./start.sh --db FILE  a database file of your choice
set -euo pipefail
source "$(dirname "$0")/tools/setup.sh"
install_debs
install_venv ""
exec "$VENV/bin/python" -m app "$@"
