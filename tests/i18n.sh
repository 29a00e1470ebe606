#!/bin/sh
# The Chinese translation: po/zh_CN.po is valid and complete for the strings
# the sources hold now (not only for the committed radar.pot), POTFILES.in
# names every source with messages, and radar speaks Chinese under
# zh_CN.UTF-8 and English under C.UTF-8.
. "${top_srcdir:-.}/tests/lib.sh"

po=$top_srcdir/po
for tool in msgfmt xgettext msgmerge; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool (gettext) not found"
		exit 0
	fi
done

# ---------------------------------------------------------------- the catalogue

run msgfmt --check -o /dev/null "$po/zh_CN.po"
is "$RUN_STATUS" 0 "msgfmt --check accepts po/zh_CN.po (format specifiers, plural forms, header)" ||
	diag "$RUN_STDERR"

# Extract from the sources as the build does (po/Makevars), so a string added
# to the code without a translation fails here even before radar.pot is
# regenerated.
xgettext_options=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$po/Makevars")
potfiles=$TEST_TMP/POTFILES
grep -v '^[[:space:]]*#' "$po/POTFILES.in" | grep -v '^[[:space:]]*$' >"$potfiles"
missing=
while read -r file; do
	[ -f "$top_srcdir/$file" ] || missing="$missing $file"
done <"$potfiles"
is "$missing" "" "every file in po/POTFILES.in exists"

# shellcheck disable=SC2086 # the options are words
run xgettext $xgettext_options --directory="$top_srcdir" --files-from="$potfiles" \
	-o "$TEST_TMP/fresh.pot"
is "$RUN_STATUS" 0 "xgettext extracts the messages of po/POTFILES.in" || diag "$RUN_STDERR"

run msgmerge --quiet --no-fuzzy-matching -o "$TEST_TMP/merged.po" "$po/zh_CN.po" "$TEST_TMP/fresh.pot"
is "$RUN_STATUS" 0 "msgmerge po/zh_CN.po with the messages of the sources" || diag "$RUN_STDERR"
run msgfmt --statistics -o /dev/null "$TEST_TMP/merged.po"
# "N translated messages." alone: no "untranslated", no "fuzzy".
like "$RUN_STDERR" '^[0-9]+ translated messages?\.$' \
	"po/zh_CN.po translates every message of the sources (none untranslated or fuzzy)" ||
	{
		msgattrib --untranslated "$TEST_TMP/merged.po" 2>/dev/null | grep '^msgid ' | sed 1d | head -20
		msgattrib --only-fuzzy "$TEST_TMP/merged.po" 2>/dev/null | grep '^msgid ' | sed 1d | head -20
		echo "(run 'make -C po update-po' in a build directory, then translate po/zh_CN.po)"
	} | sed 's/^/# /'
run msgfmt --statistics -o /dev/null "$po/zh_CN.po"
like "$RUN_STDERR" '^[0-9]+ translated messages?\.$' "po/zh_CN.po itself has no untranslated or fuzzy entry"

# Every source with translatable strings must be listed, or its strings never
# reach radar.pot.  Ask xgettext which files yield messages.
# shellcheck disable=SC2086
(cd "$top_srcdir" && xgettext $xgettext_options -o "$TEST_TMP/all.pot" src/*.c src/*.h src/*/*.c src/*/*.h) 2>"$RUN_ERR"
unlisted=
for file in $(sed -n 's/^#: //p' "$TEST_TMP/all.pot" | tr ' ' '\n' | sed 's/:[0-9]*$//' | sort -u); do
	grep -qx "$file" "$potfiles" || unlisted="$unlisted $file"
done
is "$unlisted" "" "po/POTFILES.in lists every src/ file with translatable strings"

# ---------------------------------------------------------------- radar in Chinese

if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	skip "zh_CN.UTF-8 locale not available (tools/install-deps generates it)" 19
	done_testing
fi

# The catalogue as it would be installed, in a tree of our own.
localedir=$TEST_TMP/locale
mkdir -p "$localedir/zh_CN/LC_MESSAGES"
ok "msgfmt builds radar.mo from po/zh_CN.po" \
	msgfmt -o "$localedir/zh_CN/LC_MESSAGES/radar.mo" "$po/zh_CN.po"

zh() { RADAR_LOCALEDIR=$localedir LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$RADAR" "$@"; }
en() { RADAR_LOCALEDIR=$localedir LANGUAGE= LANG=C.UTF-8 LC_ALL=C.UTF-8 "$RADAR" "$@"; }

run zh --help
is "$RUN_STATUS" 0 "zh_CN: radar --help exits 0"
like "$RUN_STDOUT" '^用法：radar \[OPTION\.\.\.\]' "zh_CN: --help starts with the Chinese usage line"
like "$RUN_STDOUT" '^命令：$' "zh_CN: --help has the Chinese 'Commands:' heading"
like "$RUN_STDOUT" '^  ls \[OPTION\.\.\.\] \[QUERY\.\.\.\] +列出条目，最新的在前$' \
	"zh_CN: a command's summary is Chinese, its synopsis untouched"
like "$RUN_STDOUT" '^  --demo +使用装有内置演示简报的临时缓存$' "zh_CN: the options are described in Chinese"

run zh ls --help
like "$RUN_STDOUT" '^  --unread +只列出未读条目$' "zh_CN: radar ls --help describes its options in Chinese"

run zh frobnicate
is "$RUN_STATUS" 2 "zh_CN: an unknown command is a usage error"
like "$RUN_STDERR" '^radar: 未知命令“frobnicate”$' "zh_CN: the error message is Chinese"
like "$RUN_STDERR" '请尝试执行“radar --help”' "zh_CN: the usage hint is Chinese"

# A plural (ngettext) and a message assembled from several translated parts.
digest=$TEST_TMP/daily.md
cat >"$digest" <<'EOF'
# Fixture Daily 2026-03-02

## Papers

- [Counting Sheep with Sparse Attention](https://arxiv.org/abs/2603.04567): a fixture paper.
- [A Second Fixture Paper](https://arxiv.org/abs/2603.04568): another one.
EOF
run zh --db "$TEST_TMP/zh.db" import "$digest"
like "$RUN_STDOUT" '^已导入 1 份简报（0 份未变）：2 个新条目，0 个已更新，0 个错误$' \
	"zh_CN: the import summary is Chinese, with its numbers in place"
run zh --db "$TEST_TMP/zh.db"
like "$RUN_STDOUT" '^缓存中有 2 个条目。$' "zh_CN: a plural message (ngettext) is Chinese"

# The reader on a terminal (tmux): status line, help screen and messages.
: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -n "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ]; then
	socket=radar-i18n-$$
	tm() { "$TMUX_BIN" -L "$socket" -f /dev/null "$@"; }
	trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TEST_TMP"' EXIT
	# wait_for TEXT: poll the screen (at most 5 s) until it shows TEXT.
	wait_for() {
		_tries=0
		while [ $_tries -lt 100 ]; do
			SCREEN=$(tm capture-pane -p -t radar 2>/dev/null)
			case "$SCREEN" in *"$1"*) return 0 ;; esac
			_tries=$((_tries + 1))
			sleep 0.05
		done
		return 1
	}
	tm new-session -d -x 100 -y 40 -s radar \
		"env -u LINES -u COLUMNS TERM=xterm-256color RADAR_LOCALEDIR='$localedir' LANGUAGE=zh_CN \
		LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
		XDG_CONFIG_HOME='$XDG_CONFIG_HOME' NO_COLOR=1 '$RADAR' --db '$TEST_TMP/zh.db'; sleep 30"
	wait_for '?:帮助'
	like "$SCREEN" '^ 全部 .*\?:帮助$' "zh_CN reader: the status line is Chinese"
	tm send-keys -t radar '?'
	wait_for '按键（按 q 关闭）'
	# the title can be on screen before the list under it (a capture
	# mid-redraw under the sanitizers): wait for the key line too
	wait_for '下移（带计数时移动相应行数）'
	like "$SCREEN" '^radar [^ ]+ - 按键（按 q 关闭）' "zh_CN reader: the help screen's title is Chinese"
	like "$SCREEN" '^j <Down> +下移（带计数时移动相应行数）$' "zh_CN reader: the help lists the keys in Chinese"
	tm send-keys -t radar q ':frob' Enter
	wait_for '未知命令'
	like "$SCREEN" '未知命令“:frob”（按 \? 查看帮助）' "zh_CN reader: an error message is Chinese"
	tm send-keys -t radar Q
	tm kill-server >/dev/null 2>&1
else
	skip "tmux not found" 4
fi

run en --help
like "$RUN_STDOUT" '^Usage: radar \[OPTION\.\.\.\] \[COMMAND \[ARGUMENT\.\.\.\]\]$' \
	"C.UTF-8: radar --help is English"
unlike "$RUN_STDOUT$RUN_STDERR" '用法|命令|缓存' "C.UTF-8: no Chinese in the help"
run en frobnicate
like "$RUN_STDERR" "^radar: unknown command 'frobnicate'\$" "C.UTF-8: the error message is English"

done_testing
