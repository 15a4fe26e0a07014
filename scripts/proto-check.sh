#!/usr/bin/env bash
# The contract's checks, as CI runs them:
#   lint        buf lint
#   breaking    buf breaking against the previous commit (HEAD~1), wire and JSON compatibility
#   generate    buf generate: the services' TypeScript (proto/src/gen, buf.gen.yaml) and the clients
#               of five languages (clients/*, clients/buf.gen.yaml, plugins from client-plugins.sh)
#   generated   regenerate and fail if the committed generated code differs
set -euo pipefail
cd "$(dirname "$0")/.."
buf=node_modules/.bin/buf
bash scripts/proto-deps.sh

case "${1:-}" in
  lint)
    $buf lint
    $buf format --diff --exit-code
    ;;
  breaking)
    against="${2:-HEAD~1}"
    if ! git rev-parse --verify --quiet "$against^{commit}" >/dev/null; then
      echo "buf breaking: no $against to compare with (first commit); nothing to check"
      exit 0
    fi
    if ! git cat-file -e "$against:buf.yaml" 2>/dev/null; then
      echo "buf breaking: $against has no contract yet; nothing to check"
      exit 0
    fi
    previous=$(mktemp -d)
    trap 'git worktree remove --force "$previous" >/dev/null 2>&1 || rm -rf "$previous"' EXIT
    git worktree add --detach --quiet "$previous" "$against"
    mkdir -p "$previous/.cache"
    cp -r .cache/proto-deps "$previous/.cache/"
    (cd "$previous" && "$OLDPWD/$buf" build -o "$previous/image.binpb")
    $buf build -o "$previous/current.binpb"
    # WIRE_JSON: existing clients keep working, on the wire and in JSON (names may be improved).
    $buf breaking "$previous/current.binpb" --against "$previous/image.binpb" \
      --config '{"version":"v2","breaking":{"use":["WIRE_JSON"]}}'

    echo "buf breaking: compatible with $against"
    ;;
  generate)
    bash scripts/client-plugins.sh >/dev/null
    $buf generate
    $buf generate --template clients/buf.gen.yaml
    ;;
  generated)
    bash scripts/client-plugins.sh >/dev/null
    $buf generate
    $buf generate --template clients/buf.gen.yaml
    generated=(proto/src/gen clients/typescript/src/gen clients/python/gen clients/go/gen clients/java/src/generated clients/rust/src/gen)
    if ! git diff --quiet -- "${generated[@]}" || [ -n "$(git ls-files --others --exclude-standard "${generated[@]}")" ]; then
      echo "Generated code is out of date: run 'npm run generate' and commit the result." >&2
      git status --short -- "${generated[@]}" >&2
      exit 1
    fi
    echo "generated code is up to date"
    ;;
  *)
    echo "usage: $0 lint|breaking [REF]|generate|generated" >&2
    exit 2
    ;;
esac
