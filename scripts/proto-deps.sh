#!/usr/bin/env bash
# Puts the protobuf files the contract imports from outside the project into .cache/proto-deps.
# protovalidate's rules ship inside its Go module; the Go module proxy serves it pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
PROTOVALIDATE_VERSION=v1.2.2
dest=.cache/proto-deps/buf/validate
[ -f "$dest/validate.proto" ] && grep -q "$PROTOVALIDATE_VERSION" .cache/proto-deps/VERSION 2>/dev/null && exit 0
command -v go >/dev/null || { echo "proto-deps: 'go' is needed to fetch protovalidate (Debian package golang-go)" >&2; exit 1; }
dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/bufbuild/protovalidate@${PROTOVALIDATE_VERSION}" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "proto-deps: could not download protovalidate ${PROTOVALIDATE_VERSION}" >&2; exit 1; }
mkdir -p "$dest"
install -m 644 "$dir/proto/protovalidate/buf/validate/validate.proto" "$dest/validate.proto"
echo "$PROTOVALIDATE_VERSION" > .cache/proto-deps/VERSION
