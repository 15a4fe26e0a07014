#!/usr/bin/env bash
# Installs the protoc plugins that generate clients/ (clients/buf.gen.yaml), each pinned and each
# from its own language's registry, into .cache/client-plugins:
#   bin/protoc, bin/protoc-gen-grpc-java   Maven Central (mvn dependency:copy of the exe artifacts)
#   bin/protoc-gen-go, bin/protoc-gen-go-grpc   the Go module proxy (go install)
#   bin/protoc-gen-prost, bin/protoc-gen-tonic  crates.io (cargo install --locked)
#   venv/ with grpcio-tools                 PyPI (python, pyi and grpc_python generators)
# protoc-gen-es (TypeScript) comes with `npm install`. A stamp per plugin makes reruns free; change
# a version here and that plugin is rebuilt. Prints the bin directory.
set -euo pipefail
cd "$(dirname "$0")/.."

PROTOC_VERSION=4.36.2                 # com.google.protobuf:protoc (libprotoc 36.2)
GRPC_JAVA_VERSION=1.83.1              # io.grpc:protoc-gen-grpc-java (the newest with a Linux build)
PROTOC_GEN_GO_VERSION=v1.36.12        # google.golang.org/protobuf
PROTOC_GEN_GO_GRPC_VERSION=v1.6.1     # google.golang.org/grpc/cmd/protoc-gen-go-grpc
PROTOC_GEN_PROST_VERSION=0.5.0        # prost 0.14
PROTOC_GEN_TONIC_VERSION=0.5.0        # tonic 0.14
GRPCIO_TOOLS_VERSION=1.85.1

root="$PWD/.cache/client-plugins"
bin="$root/bin"
mkdir -p "$bin" "$root/stamps"
log="$root/install.log"
: >"$log"

# once NAME VERSION CMD...: runs CMD unless NAME was already installed at VERSION. CMD is tested by
# `if`, where bash ignores `set -e`: the functions below chain their steps with && instead.
once() {
  local name=$1 version=$2
  shift 2
  local stamp="$root/stamps/$name"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ]; then return 0; fi
  echo "client plugins: installing $name $version" >&2
  if ! "$@" >>"$log" 2>&1; then
    echo "client plugins: installing $name $version failed; see $log" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  echo "$version" >"$stamp"
}

case "$(uname -m)" in
  x86_64) classifier=linux-x86_64 ;;
  aarch64 | arm64) classifier=linux-aarch_64 ;;
  *) echo "client plugins: no protoc build on Maven Central for $(uname -m)" >&2; exit 1 ;;
esac

maven_exe() {  # GROUP:ARTIFACT VERSION NAME: the platform's executable artifact as bin/NAME
  local tmp
  tmp=$(mktemp -d) &&
    mvn -q -B dependency:copy "-Dartifact=$1:$2:exe:$classifier" "-DoutputDirectory=$tmp" &&
    install -m 755 "$tmp/${1#*:}-$2-$classifier.exe" "$bin/$3" &&
    rm -rf "$tmp"
}

go_bin=$(command -v go || echo /usr/local/go/bin/go)
go_install() { GOBIN="$bin" GOFLAGS=-mod=mod "$go_bin" install "$1"; }

once protoc "$PROTOC_VERSION" maven_exe com.google.protobuf:protoc "$PROTOC_VERSION" protoc
once protoc-gen-grpc-java "$GRPC_JAVA_VERSION" maven_exe io.grpc:protoc-gen-grpc-java "$GRPC_JAVA_VERSION" protoc-gen-grpc-java
once protoc-gen-go "$PROTOC_GEN_GO_VERSION" go_install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
once protoc-gen-go-grpc "$PROTOC_GEN_GO_GRPC_VERSION" go_install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@$PROTOC_GEN_GO_GRPC_VERSION"
once protoc-gen-prost "$PROTOC_GEN_PROST_VERSION" cargo install --quiet --locked --root "$root" protoc-gen-prost --version "$PROTOC_GEN_PROST_VERSION"
once protoc-gen-tonic "$PROTOC_GEN_TONIC_VERSION" cargo install --quiet --locked --root "$root" protoc-gen-tonic --version "$PROTOC_GEN_TONIC_VERSION"
grpcio_tools() {
  rm -rf "$root/venv" &&
    python3 -m venv "$root/venv" &&
    "$root/venv/bin/pip" install --quiet "grpcio-tools==$GRPCIO_TOOLS_VERSION"
}
once grpcio-tools "$GRPCIO_TOOLS_VERSION" grpcio_tools

echo "$bin"
