#!/bin/sh
# radar over SSH inside tmux, end to end: a private sshd on 127.0.0.1 (its
# own config, host key and user key in the test's directory, stopped by its
# PID), radar run with `ssh -t` inside an outer tmux with set-clipboard on.
# Checked: the CJK rows line up as in the saved screen, a resize redraws,
# y lands in the OUTER tmux's buffer (plain OSC 52 through ssh, and through
# a nested tmux on the "server" side), and o with a terminal browser runs
# it in the foreground and gives radar's screen back.  Skipped where sshd
# cannot start (not installed, no privilege-separation directory ...).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tmux.sh"

SSHD=$(command -v sshd 2>/dev/null || true)
[ -n "$SSHD" ] || for _d in /usr/sbin /usr/local/sbin /sbin; do
	[ -x "$_d/sshd" ] && SSHD=$_d/sshd && break
done
for _tool in ssh ssh-keygen; do
	command -v "$_tool" >/dev/null 2>&1 || { echo "1..0 # SKIP $_tool not found"; exit 0; }
done
[ -n "$SSHD" ] || { echo "1..0 # SKIP sshd not found (tools/install-deps installs openssh-server)"; exit 0; }
screen_setup radar-ssh "${1:-}"

SSH_DIR=$TEST_TMP/ssh
mkdir -p "$SSH_DIR"
chmod 700 "$SSH_DIR"
ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/host_key" >/dev/null 2>&1
ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/id" >/dev/null 2>&1
cp "$SSH_DIR/id.pub" "$SSH_DIR/authorized_keys"
chmod 600 "$SSH_DIR/authorized_keys"

# sshd run as root wants its privilege-separation directory; the package's
# service creates it at boot, which a container never does.
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd && chmod 755 /run/sshd
fi

SSHD_PID=
stop_sshd() { [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; SSHD_PID=; }
# The nested tmux of the "server" side daemonises: its server outlives the
# ssh session and must be stopped by its socket (TMUX_TMPDIR below).
cleanup() {
	tm kill-server >/dev/null 2>&1
	TMUX= TMUX_TMPDIR="$TEST_TMP" tmux -L inner kill-server >/dev/null 2>&1
	stop_sshd
	rm -rf "$TEST_TMP"
}
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

free_port() {
	"$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
		2>/dev/null || echo $((20000 + $$ % 30000))
}

USER_NAME=$(id -un)
ssh_run() {
	ssh -F /dev/null -p "$PORT" -i "$SSH_DIR/id" -o IdentitiesOnly=yes -o BatchMode=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile="$SSH_DIR/known_hosts" \
		-o LogLevel=ERROR "$@"
}

started=
for _try in 1 2 3; do
	PORT=$(free_port)
	cat >"$SSH_DIR/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $SSH_DIR/host_key
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
X11Forwarding no
AllowTcpForwarding no
PermitTTY yes
PrintMotd no
CONF
	"$SSHD" -D -e -f "$SSH_DIR/sshd_config" 2>"$SSH_DIR/sshd.log" &
	SSHD_PID=$!
	_n=0
	while [ $_n -lt 50 ]; do
		if ssh_run "$USER_NAME@127.0.0.1" true 2>>"$SSH_DIR/ssh.log"; then
			started=1
			break
		fi
		kill -0 "$SSHD_PID" 2>/dev/null || break
		sleep 0.1
		_n=$((_n + 1))
	done
	[ -n "$started" ] && break
	stop_sshd
done
if [ -z "$started" ]; then
	echo "1..0 # SKIP sshd cannot start here: $(tail -n 1 "$SSH_DIR/sshd.log" 2>/dev/null) $(tail -n 1 "$SSH_DIR/ssh.log" 2>/dev/null)"
	exit 0
fi
pass "a private sshd on 127.0.0.1:$PORT takes our key"

# The stub terminal browser: named w3m, so radar runs it in the foreground.
mkdir -p "$TEST_TMP/tb"
cat >"$TEST_TMP/tb/w3m" <<STUB
#!/bin/sh
printf 'STUB W3M %s\n' "\$1"
[ -t 0 ] && [ -t 1 ] && echo 'ON THE TERMINAL'
read answer
printf '%s\n' "\$1" >>"$TEST_TMP/w3m.log"
STUB
chmod +x "$TEST_TMP/tb/w3m"

# What the "server" side runs: the login shell gets one command line (the
# test's own, nothing from a digest).  TERM comes from the outer tmux.
REMOTE_ENV="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
XDG_CONFIG_HOME='$XDG_CONFIG_HOME' TMUX_TMPDIR='$TEST_TMP' DISPLAY= WAYLAND_DISPLAY= \
BROWSER='$TEST_TMP/tb/w3m' PATH='$PATH' ASAN_OPTIONS='$ASAN_OPTIONS' UBSAN_OPTIONS='$UBSAN_OPTIONS'"
REMOTE_RADAR="$REMOTE_ENV '$RADAR' --db '$DB'"

# start_ssh W H REMOTE_COMMAND: the outer tmux (set-clipboard on) running
# ssh -t to our sshd.
start_ssh() {
	tmux_new_server
	printf '%s\n' "$3" >"$TEST_TMP/remote.cmd"
	tm new-session -d -x "$1" -y "$2" -s radar \
		"ssh -F /dev/null -t -p $PORT -i '$SSH_DIR/id' -o IdentitiesOnly=yes -o BatchMode=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile='$SSH_DIR/known_hosts' -o LogLevel=ERROR \
		$USER_NAME@127.0.0.1 \"\$(cat '$TEST_TMP/remote.cmd')\"; sleep 30"
	tm set-option -s set-clipboard on
	LAST_SCREEN=
	_n=0
	until capture | grep -q '?:help' || [ $_n -ge 200 ]; do sleep 0.05; _n=$((_n + 1)); done
	settle
}

url="https://example.org/a%20b?q=%22x%22;y=1&z='w'"

start_ssh 80 24 "$REMOTE_RADAR"
screen 80x24-first "over ssh -t in tmux, CJK rows line up as in the local screen"
resize 160 48
like "$(capture | head -n 1)" '^Views .* (x|│) ' "a resize over ssh redraws with three panes"
# (tmux's capture drops a trailing blank drawn in the default colours)
width=$(printf '%s' "$(status_line 48)" | wc -m | tr -d ' ')
ok "... and the status line spans the new width ($width columns)" [ "$width" -ge 159 ]
resize 80 24
screen 80x24-first "and back to 80x24, the same screen again"

literal "/Quoting"
keys Enter
tm delete-buffer >/dev/null 2>&1
keys y
_n=0
until [ "$(tm show-buffer 2>/dev/null)" = "$url" ] || [ $_n -ge 60 ]; do sleep 0.05; _n=$((_n + 1)); done
is "$(tm show-buffer 2>/dev/null)" "$url" "y over ssh lands in the outer tmux's buffer"
like "$(capture | tail -n 1)" 'Sent to the terminal via OSC 52' "and radar says it sent OSC 52, not that it copied"

before=$(capture | head -n 23)
keys o
like "$(capture)" "STUB W3M https://example.org/" "o runs the terminal browser in the foreground, over ssh"
like "$(capture)" "ON THE TERMINAL" "... with the terminal"
keys Enter
is "$(capture | head -n 23)" "$before" "radar's screen comes back when the browser exits"
is "$(cat "$TEST_TMP/w3m.log" 2>/dev/null)" "$url" "the browser got the URL as one argument"
tm send-keys -t radar q

# A nested tmux on the server side (its default configuration): radar asks
# that tmux (load-buffer -w), which hands the text on to the outer one.
start_ssh 80 24 "$REMOTE_ENV tmux -f /dev/null -L inner new-session -x 80 -y 24 \"$REMOTE_RADAR\""
literal "/Quoting"
keys Enter
tm delete-buffer >/dev/null 2>&1
keys y
_n=0
until [ "$(tm show-buffer 2>/dev/null)" = "$url" ] || [ $_n -ge 60 ]; do sleep 0.05; _n=$((_n + 1)); done
is "$(tm show-buffer 2>/dev/null)" "$url" "y in a nested tmux over ssh lands in the outer tmux's buffer"
like "$(capture | tail -n 2)" "Copied to tmux's buffer" "and radar says it went to (the inner) tmux's buffer"
tm send-keys -t radar q

stop_sshd
done_testing
