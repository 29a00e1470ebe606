#!/bin/sh
# `radar show --width N` never prints a line wider than N columns (measured
# with libc wcwidth()), never starts a line with closing punctuation and
# never lets a control character or bidi override through.  Runs on the demo
# digests always and on ../shared/digests when present.
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = no ]; then
	echo "1..0 # SKIP python3 not found"
	exit 0
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
mkdir -p "$HOME"
exec "$PYTHON3" "$top_srcdir/tests/show_width.py" "$RADAR" "$top_srcdir/demo" "${SHARED_DIR:-}/digests" "$work"
