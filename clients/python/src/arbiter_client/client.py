"""A connection to an Arbiter gateway and the generated stub of every service behind it."""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import Any

import grpc

from arbiter.v1 import (
    audit_pb2_grpc,
    auth_pb2_grpc,
    cluster_pb2_grpc,
    decisions_pb2_grpc,
    inference_pb2_grpc,
    models_pb2_grpc,
    pipelines_pb2_grpc,
    streams_pb2_grpc,
    tasks_pb2_grpc,
    tenants_pb2_grpc,
    vectors_pb2_grpc,
)
from inference import grpc_service_pb2_grpc

from .call_defaults import CallDefaults, Metadata
from .retry import DEFAULT_RETRY_POLICY, RetryPolicy, service_config

#: Where `npm start` (``arbiter start``) serves gRPC.
DEFAULT_ADDRESS = "127.0.0.1:8080"
#: Deadline of calls that answer once, in seconds, when the call sets none.
DEFAULT_TIMEOUT_S = 30.0


class ArbiterClient:
    """The generated stubs of the arbiter.v1 services and of the Open Inference Protocol, sharing
    one channel. Use as a context manager, or call :meth:`close`.

    Every stub method takes the generated request message and the usual grpcio keywords
    (``timeout=``, ``metadata=``, ``wait_for_ready=``); ``.with_call`` and ``.future`` work too.
    """

    def __init__(self, channel: grpc.Channel) -> None:
        #: The intercepted channel the stubs use, for stubs of other services on the same gateway.
        self.channel = channel
        self.audit = audit_pb2_grpc.AuditServiceStub(channel)
        self.auth = auth_pb2_grpc.AuthServiceStub(channel)
        self.cluster = cluster_pb2_grpc.ClusterServiceStub(channel)
        self.decisions = decisions_pb2_grpc.DecisionServiceStub(channel)
        self.inference = inference_pb2_grpc.InferenceServiceStub(channel)
        self.models = models_pb2_grpc.ModelRegistryServiceStub(channel)
        self.pipelines = pipelines_pb2_grpc.PipelineServiceStub(channel)
        self.streams = streams_pb2_grpc.StreamServiceStub(channel)
        self.tasks = tasks_pb2_grpc.TaskServiceStub(channel)
        self.tenants = tenants_pb2_grpc.TenantServiceStub(channel)
        self.vectors = vectors_pb2_grpc.VectorServiceStub(channel)
        #: inference.GRPCInferenceService, the Open Inference Protocol (KServe v2 / Triton).
        self.oip = grpc_service_pb2_grpc.GRPCInferenceServiceStub(channel)

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self.channel.close()

    def __enter__(self) -> ArbiterClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def connect(
    address: str = DEFAULT_ADDRESS,
    *,
    api_key: str | None = None,
    jwt: str | None = None,
    tls: bool = False,
    ca_file: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    retry: RetryPolicy | None = DEFAULT_RETRY_POLICY,
    metadata: Metadata = (),
    options: Iterable[tuple[str, Any]] = (),
) -> ArbiterClient:
    """Connects to an Arbiter gateway at ``address`` (``host:port``).

    ``api_key`` or ``jwt`` (not both) is sent on every call as ``authorization: Bearer <it>``;
    the gateway tells the two apart by their form. The channel is plaintext unless ``tls`` is true
    or ``ca_file`` names the PEM certificates to trust (without it, gRPC's bundled roots are used).
    ``timeout`` is the default deadline, in seconds, of every call that answers once (None: none);
    streaming responses are open-ended and get none. ``retry`` is the policy for the methods the
    contract marks safe to repeat (None: no retries). ``metadata`` is added to every call;
    ``options`` are extra grpcio channel arguments.

    Connecting is lazy: an unreachable gateway shows up on the first call, as UNAVAILABLE.
    """
    if api_key is not None and jwt is not None:
        raise ValueError("pass api_key or jwt, not both: the gateway takes one bearer credential")
    credential = api_key if api_key is not None else jwt
    headers = list(metadata)
    if credential:
        headers.append(("authorization", f"Bearer {credential}"))
    channel_options = [
        ("grpc.enable_retries", 1),
        ("grpc.service_config", service_config(retry)),
        *options,
    ]
    if tls or ca_file is not None:
        roots = None
        if ca_file is not None:
            with open(ca_file, "rb") as f:
                roots = f.read()
        channel = grpc.secure_channel(address, grpc.ssl_channel_credentials(roots), options=channel_options)
    else:
        channel = grpc.insecure_channel(address, options=channel_options)
    return ArbiterClient(grpc.intercept_channel(channel, CallDefaults(headers, timeout)))
