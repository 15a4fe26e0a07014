"""The services of the Arbiter contract, as the generated modules describe them."""

from __future__ import annotations

from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import FileDescriptor, MethodDescriptor

from arbiter.v1 import (
    audit_pb2,
    auth_pb2,
    cluster_pb2,
    decisions_pb2,
    inference_pb2,
    models_pb2,
    pipelines_pb2,
    streams_pb2,
    tasks_pb2,
    tenants_pb2,
    vectors_pb2,
)
from inference import grpc_service_pb2

#: Every .proto file of the public contract that declares a service.
SERVICE_FILES: tuple[FileDescriptor, ...] = (
    audit_pb2.DESCRIPTOR,
    auth_pb2.DESCRIPTOR,
    cluster_pb2.DESCRIPTOR,
    decisions_pb2.DESCRIPTOR,
    inference_pb2.DESCRIPTOR,
    models_pb2.DESCRIPTOR,
    pipelines_pb2.DESCRIPTOR,
    streams_pb2.DESCRIPTOR,
    tasks_pb2.DESCRIPTOR,
    tenants_pb2.DESCRIPTOR,
    vectors_pb2.DESCRIPTOR,
    grpc_service_pb2.DESCRIPTOR,
)

_SAFE_TO_REPEAT = (
    descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS,
    descriptor_pb2.MethodOptions.IDEMPOTENT,
)


def _is_unary(method: MethodDescriptor) -> bool:
    # A stream cannot be replayed once messages went out, so only single-request,
    # single-response calls are candidates for another attempt.
    return not (method.client_streaming or method.server_streaming)


def idempotent_methods() -> list[tuple[str, str]]:
    """(full service name, method name) of every unary method the contract marks safe to repeat.

    Read from the descriptors (``option idempotency_level = NO_SIDE_EFFECTS`` or ``IDEMPOTENT``)
    rather than listed by hand, so a method newly marked in proto/ is retried after the next
    ``npm run generate`` without touching this layer.
    """
    found: list[tuple[str, str]] = []
    for file in SERVICE_FILES:
        for service in file.services_by_name.values():
            for method in service.methods:
                if _is_unary(method) and method.GetOptions().idempotency_level in _SAFE_TO_REPEAT:
                    found.append((service.full_name, method.name))
    return found
