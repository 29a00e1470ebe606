#!/bin/sh
# The facts ../shared/families/README.md states about each family of real
# digests, checked against `radar parse` and `radar import`, with a
# per-family scoreboard.  Skips when ../shared is absent.
families="${SHARED_DIR:-}/families"
if [ ! -d "$families" ]; then
	echo "1..0 # SKIP ../shared/families absent"
	exit 0
fi
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = no ]; then
	echo "1..0 # SKIP python3 not found"
	exit 0
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
mkdir -p "$HOME"
exec "$PYTHON3" "$top_srcdir/tests/shared_families.py" "$RADAR" "$SHARED_DIR" "$work"
