# syntax=docker/dockerfile:1.7
# The scheduler role, CPU build: ONNX Runtime's CPU library comes inside the onnxruntime-node
# package (node_modules/onnxruntime-node/bin/.../libonnxruntime.so.1), which is where
# scheduler.ortLibraryPath="" looks.
#
#   docker build -f images/scheduler.Dockerfile -t arbiter/scheduler:0.1.0 .
#
# Build context: the repository root (images/scheduler.Dockerfile.dockerignore keeps it small).

ARG NODE_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim
ARG RUST_IMAGE=rust:1-bookworm

# The Rust toolchain, copied into the Node build stage below.
FROM ${RUST_IMAGE} AS rust

# Install the dependencies from the committed lock and build the two Rust addons (napi-rs) through
# npm's postinstall, exactly as `npm install` does on a developer machine.
FROM ${NODE_IMAGE} AS build
COPY --from=rust /usr/local/cargo /usr/local/cargo
COPY --from=rust /usr/local/rustup /usr/local/rustup
ENV CARGO_HOME=/usr/local/cargo RUSTUP_HOME=/usr/local/rustup PATH=/usr/local/cargo/bin:$PATH
# The lock was written by npm 11 (Node 20 ships npm 10).
RUN npm install -g npm@11.19.1
WORKDIR /src
COPY . .
# Not `npm ci`: see .ci/run (the lock lists only this platform's optional packages).
RUN npm install --no-audit --no-fund \
 && test -f inference-native/inference-native.node \
 && test -f vector-native/vector-native.node \
 && rm -rf target

# The runtime: Node 20 and the application as built, run by an unprivileged user. TypeScript runs
# through tsx (a dependency kept in node_modules), as in development.
FROM ${NODE_RUNTIME_IMAGE}
RUN groupadd --gid 10001 arbiter && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin arbiter
WORKDIR /app
COPY --from=build --chown=root:root /src /app
ENV NODE_ENV=production
USER 10001:10001
# grpc.health.v1 for the probes, and /metrics.
EXPOSE 8081 9464
ENTRYPOINT ["node", "--import", "tsx", "cli/src/main.ts"]
CMD ["scheduler"]
