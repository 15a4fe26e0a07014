"""What connect() adds to calls, observed by a gRPC server on loopback that fails on purpose."""

import threading
import unittest
from concurrent import futures
from typing import Any

import grpc

from arbiter.v1 import decisions_pb2, models_pb2
from arbiter_client import RetryPolicy, connect


class FlakyServer:
    """Answers GetModel and Decide, each failing UNAVAILABLE for its first `failures` calls."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: dict[str, int] = {}
        self.metadata: list[dict[str, str | bytes]] = []
        self.deadlines: list[float] = []
        self._lock = threading.Lock()
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        self.server.add_generic_rpc_handlers(
            [
                grpc.method_handlers_generic_handler(
                    "arbiter.v1.ModelRegistryService",
                    {"GetModel": self._unary("GetModel", models_pb2.GetModelRequest, models_pb2.GetModelResponse)},
                ),
                grpc.method_handlers_generic_handler(
                    "arbiter.v1.DecisionService",
                    {"Decide": self._unary("Decide", decisions_pb2.DecideRequest, decisions_pb2.DecideResponse)},
                ),
            ]
        )
        self.port = self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()

    def _unary(self, name: str, request_type: Any, response_type: Any) -> "grpc.RpcMethodHandler[Any, Any]":
        def handle(request: Any, context: grpc.ServicerContext) -> Any:
            with self._lock:
                self.calls[name] = self.calls.get(name, 0) + 1
                self.metadata.append(dict(context.invocation_metadata()))
                self.deadlines.append(context.time_remaining() or float("inf"))
                failing = self.calls[name] <= self.failures
            if failing:
                context.abort(grpc.StatusCode.UNAVAILABLE, "shedding load")
            return response_type()

        return grpc.unary_unary_rpc_method_handler(
            handle, request_deserializer=request_type.FromString, response_serializer=response_type.SerializeToString
        )

    def stop(self) -> None:
        self.server.stop(None)


FAST_RETRIES = RetryPolicy(max_attempts=3, initial_backoff_s=0.01, max_backoff_s=0.05)


class ConnectTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = FlakyServer(failures=2)
        self.addCleanup(self.server.stop)
        self.address = f"127.0.0.1:{self.server.port}"

    def test_reads_are_retried_when_unavailable(self) -> None:
        with connect(self.address, retry=FAST_RETRIES) as client:
            client.models.GetModel(models_pb2.GetModelRequest(name="m"))
        self.assertEqual(self.server.calls["GetModel"], 3)

    def test_calls_with_effects_are_not_retried(self) -> None:
        with connect(self.address, retry=FAST_RETRIES) as client:
            with self.assertRaises(grpc.RpcError) as raised:
                client.decisions.Decide(decisions_pb2.DecideRequest(pipeline="p"))
        self.assertEqual(raised.exception.code(), grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(self.server.calls["Decide"], 1)

    def test_no_retries_without_a_policy(self) -> None:
        with connect(self.address, retry=None) as client:
            with self.assertRaises(grpc.RpcError):
                client.models.GetModel(models_pb2.GetModelRequest(name="m"))
        self.assertEqual(self.server.calls["GetModel"], 1)

    def test_every_call_carries_the_bearer_credential_and_a_default_deadline(self) -> None:
        with connect(self.address, api_key="arb_k.secret", timeout=7, retry=FAST_RETRIES) as client:
            client.models.GetModel(models_pb2.GetModelRequest(name="m"), metadata=[("x-request-id", "r1")])
            client.models.GetModel(models_pb2.GetModelRequest(name="m"), timeout=60)
        self.assertTrue(all(m.get("authorization") == "Bearer arb_k.secret" for m in self.server.metadata))
        self.assertEqual(self.server.metadata[0].get("x-request-id"), "r1")
        # The deadline travels as a grpc-timeout header, rounded up: allow a little over 7 s.
        self.assertTrue(all(0 < d < 8 for d in self.server.deadlines[:3]), self.server.deadlines)
        self.assertGreater(self.server.deadlines[3], 30)

    def test_a_jwt_is_sent_the_same_way(self) -> None:
        with connect(self.address, jwt="eyJ.x.y", retry=FAST_RETRIES) as client:
            client.models.GetModel(models_pb2.GetModelRequest(name="m"))
        self.assertEqual(self.server.metadata[-1].get("authorization"), "Bearer eyJ.x.y")
        with self.assertRaises(ValueError):
            connect(self.address, api_key="a", jwt="b")


if __name__ == "__main__":
    unittest.main()
