"""What every call of a client carries unless the caller says otherwise: credentials, a deadline."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, Optional, Union

import grpc

#: gRPC metadata: (key, value) pairs; values of keys ending in "-bin" are bytes.
Metadata = Iterable[tuple[str, Union[str, bytes]]]


class _CallDetails(
    NamedTuple(
        "_CallDetails",
        [
            ("method", str),
            ("timeout", Optional[float]),
            ("metadata", Optional[tuple[tuple[str, Union[str, bytes]], ...]]),
            ("credentials", Optional[grpc.CallCredentials]),
            ("wait_for_ready", Optional[bool]),
            ("compression", Optional[grpc.Compression]),
        ],
    ),
    grpc.ClientCallDetails,
):
    """grpc.ClientCallDetails is an interface without a constructor; interceptors build their own."""


class CallDefaults(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds ``metadata`` to every call, and ``timeout`` to calls that answer once and set none.

    Metadata goes through an interceptor rather than call credentials because gRPC refuses call
    credentials on plaintext channels, and a local mesh is usually plaintext. Server-streaming and
    bidirectional calls (watches, result feeds, inference streams) are open-ended, so they get no
    default deadline; pass ``timeout=`` on the call to bound one.
    """

    def __init__(self, metadata: Metadata, timeout: float | None) -> None:
        self._metadata = tuple(metadata)
        self._timeout = timeout

    def _details(self, details: grpc.ClientCallDetails, answers_once: bool) -> _CallDetails:
        timeout = details.timeout
        if timeout is None and answers_once:
            timeout = self._timeout
        return _CallDetails(
            details.method,
            timeout,
            (*(details.metadata or ()), *self._metadata),
            details.credentials,
            details.wait_for_ready,
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(
        self, continuation: Callable[..., Any], client_call_details: grpc.ClientCallDetails, request: Any
    ) -> Any:
        return continuation(self._details(client_call_details, True), request)

    def intercept_unary_stream(
        self, continuation: Callable[..., Any], client_call_details: grpc.ClientCallDetails, request: Any
    ) -> Any:
        return continuation(self._details(client_call_details, False), request)

    def intercept_stream_unary(
        self,
        continuation: Callable[..., Any],
        client_call_details: grpc.ClientCallDetails,
        request_iterator: Iterator[Any],
    ) -> Any:
        return continuation(self._details(client_call_details, True), request_iterator)

    def intercept_stream_stream(
        self,
        continuation: Callable[..., Any],
        client_call_details: grpc.ClientCallDetails,
        request_iterator: Iterator[Any],
    ) -> Any:
        return continuation(self._details(client_call_details, False), request_iterator)
