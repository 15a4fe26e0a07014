"""The Python client of the Arbiter mesh.

:func:`connect` opens a channel to a gateway and returns an :class:`ArbiterClient` holding the
generated stub of every service (``client.models``, ``client.inference``, ``client.decisions``,
``client.vectors``, ... and ``client.oip`` for the Open Inference Protocol). The messages are the
generated ones: ``from arbiter.v1 import models_pb2, inference_pb2, ...`` and
``from inference import grpc_service_pb2``. :func:`to_tensor` and :func:`from_tensor` convert
numpy arrays to and from ``arbiter.v1.Tensor``.
"""

from .client import DEFAULT_ADDRESS, DEFAULT_TIMEOUT_S, ArbiterClient, connect
from .retry import DEFAULT_RETRY_POLICY, RetryPolicy, service_config
from .services import idempotent_methods
from .tensors import datatype_of, dtype_of, from_raw, from_tensor, to_raw, to_tensor

__all__ = [
    "DEFAULT_ADDRESS",
    "DEFAULT_RETRY_POLICY",
    "DEFAULT_TIMEOUT_S",
    "ArbiterClient",
    "RetryPolicy",
    "connect",
    "datatype_of",
    "dtype_of",
    "from_raw",
    "from_tensor",
    "idempotent_methods",
    "service_config",
    "to_raw",
    "to_tensor",
]
