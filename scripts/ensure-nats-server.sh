#!/usr/bin/env bash
# Prints the path of a nats-server binary for the integration tests, building the pinned release
# into <repo>/.cache/bin on first use. Same order and lock protocol as ensureNatsServer() in
# testkit/src/nats-binary.ts (keep NATS_SERVER_VERSION in step with it):
#   1. $ARBITER_NATS_SERVER  2. the cached pinned build  3. go install of the pinned release
#   4. nats-server on PATH if it is 2.9+ (JetStream key-value).
# CI runs it once before the tests so no test waits for the build.
set -euo pipefail

NATS_SERVER_VERSION="v2.15.2"
MODULE="github.com/nats-io/nats-server/v2"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ARBITER_CACHE_BIN:-$repo/.cache/bin}"
bin="$cache/nats-server"

is_pinned() { [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "${NATS_SERVER_VERSION}\$"; }

if [ -n "${ARBITER_NATS_SERVER:-}" ]; then
  if [ -x "$ARBITER_NATS_SERVER" ] && "$ARBITER_NATS_SERVER" --version >/dev/null 2>&1; then
    echo "$ARBITER_NATS_SERVER"; exit 0
  fi
  echo "ARBITER_NATS_SERVER: expected the path of a runnable nats-server binary, got $ARBITER_NATS_SERVER" >&2
  exit 1
fi

if is_pinned; then echo "$bin"; exit 0; fi

go="$(command -v go || true)"
[ -z "$go" ] && [ -x /usr/local/go/bin/go ] && go=/usr/local/go/bin/go
go_ok() {  # Go 1.21+ fetches the toolchain the module's go.mod asks for (go 1.26); older Go cannot.
  [[ "$("$go" env GOVERSION 2>/dev/null)" =~ ^go([0-9]+)\.([0-9]+) ]] || return 1
  [ "${BASH_REMATCH[1]}" -gt 1 ] || [ "${BASH_REMATCH[2]}" -ge 21 ]
}
build_failed=""
if [ -n "$go" ] && ! go_ok; then
  build_failed="$go is $("$go" env GOVERSION 2>/dev/null || echo 'of unknown version'); building nats-server $NATS_SERVER_VERSION needs Go 1.21+"
elif [ -n "$go" ]; then
  mkdir -p "$cache"
  lock="$cache/nats-server.lock"
  # Lock = a file holding the owner's pid, created exclusively (noclobber); a dead owner's lock is broken.
  until ( set -o noclobber; echo "$$" > "$lock" ) 2>/dev/null; do
    owner="$(cat "$lock" 2>/dev/null || true)"
    if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then rm -f "$lock"; continue; fi
    sleep 0.25
  done
  gobin="$(mktemp -d "$cache/.build-$$-XXXX")"
  trap 'rm -f "$lock"; rm -rf "$gobin"' EXIT
  if is_pinned; then echo "$bin"; exit 0; fi
  echo "building $MODULE@$NATS_SERVER_VERSION with $("$go" version)..." >&2
  if GOBIN="$gobin" CGO_ENABLED="${CGO_ENABLED:-0}" "$go" install "$MODULE@$NATS_SERVER_VERSION" >&2; then
    mv "$gobin/nats-server" "$bin"
    echo "$bin"; exit 0
  fi
  build_failed="go install $MODULE@$NATS_SERVER_VERSION failed"
fi

if path="$(command -v nats-server)"; then
  version="$("$path" --version 2>/dev/null || true)"
  if [[ "$version" =~ v?([0-9]+)\.([0-9]+)\. ]]; then
    major="${BASH_REMATCH[1]}"; minor="${BASH_REMATCH[2]}"
    if [ "$major" -gt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -ge 9 ]; }; then echo "$path"; exit 0; fi
  fi
  [ -z "$build_failed" ] && echo "$path is ${version:-of unknown version}, but JetStream key-value needs nats-server 2.9+; install Go 1.21+ or set ARBITER_NATS_SERVER" >&2
fi
if [ -n "$build_failed" ]; then
  echo "$build_failed; install a newer Go or the Debian package nats-server (2.9+), or set ARBITER_NATS_SERVER" >&2
  exit 1
fi
[ -n "${path:-}" ] && exit 1

echo "no nats-server: neither go (to build $MODULE@$NATS_SERVER_VERSION) nor a nats-server binary is on PATH; install the Debian package golang-go or nats-server, or set ARBITER_NATS_SERVER" >&2
exit 1
