# syntax=docker/dockerfile:1.7
# The scheduler role for NVIDIA GPU nodes: a CUDA + cuDNN runtime base and ONNX Runtime's GPU build
# (with the CUDA execution provider) at /opt/onnxruntime/lib, which the chart's GPU values point
# scheduler.ortLibraryPath at. Models registered with execution provider "cuda:<device>" run there.
#
#   docker build -f images/scheduler-gpu.Dockerfile \
#     --build-arg ORT_SHA256=<sha256 of the release archive> -t arbiter/scheduler:0.1.0-cuda12 .
#
# ORT_VERSION and CUDA_IMAGE must agree: each ONNX Runtime GPU release is built for one CUDA major
# version and cuDNN (see its release notes). The addon needs ONNX Runtime 1.20 or newer.

ARG NODE_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim
ARG RUST_IMAGE=rust:1-bookworm
ARG CUDA_IMAGE=nvidia/cuda:12.9.1-cudnn-runtime-ubuntu24.04

FROM ${RUST_IMAGE} AS rust

FROM ${NODE_IMAGE} AS build
COPY --from=rust /usr/local/cargo /usr/local/cargo
COPY --from=rust /usr/local/rustup /usr/local/rustup
ENV CARGO_HOME=/usr/local/cargo RUSTUP_HOME=/usr/local/rustup PATH=/usr/local/cargo/bin:$PATH
RUN npm install -g npm@11.19.1
WORKDIR /src
COPY . .
RUN npm install --no-audit --no-fund \
 && test -f inference-native/inference-native.node \
 && test -f vector-native/vector-native.node \
 && rm -rf target

# ONNX Runtime's GPU release archive, checked against ORT_SHA256 when given.
FROM ${NODE_IMAGE} AS onnxruntime
ARG ORT_VERSION=1.30.0
ARG ORT_SHA256=""
WORKDIR /tmp/ort
RUN curl -fsSL -o ort.tgz \
      "https://github.com/microsoft/onnxruntime/releases/download/v${ORT_VERSION}/onnxruntime-linux-x64-gpu-${ORT_VERSION}.tgz" \
 && if [ -n "${ORT_SHA256}" ]; then echo "${ORT_SHA256}  ort.tgz" | sha256sum -c -; \
    else echo "warning: ORT_SHA256 not given; the archive is not verified" >&2; fi \
 && mkdir -p /opt/onnxruntime \
 && tar -xzf ort.tgz --strip-components=1 -C /opt/onnxruntime \
 && ln -sf "libonnxruntime.so.${ORT_VERSION}" /opt/onnxruntime/lib/libonnxruntime.so.1 \
 && test -f /opt/onnxruntime/lib/libonnxruntime_providers_cuda.so

# The runtime: CUDA and cuDNN from NVIDIA's image, Node 20's binary from the Node image (built for
# an older glibc than the base has), the GPU ONNX Runtime, the application as built.
FROM ${NODE_RUNTIME_IMAGE} AS node
FROM ${CUDA_IMAGE}
COPY --from=node /usr/local/bin/node /usr/local/bin/node
RUN groupadd --gid 10001 arbiter && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin arbiter
COPY --from=onnxruntime /opt/onnxruntime /opt/onnxruntime
WORKDIR /app
COPY --from=build --chown=root:root /src /app
ENV NODE_ENV=production \
    ARBITER_SCHEDULER_ORT_LIBRARY_PATH=/opt/onnxruntime/lib/libonnxruntime.so.1 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
USER 10001:10001
EXPOSE 8081 9464
ENTRYPOINT ["node", "--import", "tsx", "cli/src/main.ts"]
CMD ["scheduler"]
