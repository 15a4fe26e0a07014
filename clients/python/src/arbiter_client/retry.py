"""Retries of calls that are safe to repeat, through gRPC's own service config."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .services import idempotent_methods


@dataclass(frozen=True)
class RetryPolicy:
    """How calls that are safe to repeat are retried when the server is unreachable.

    Only unary methods the contract marks ``NO_SIDE_EFFECTS`` or ``IDEMPOTENT`` (reads, listings)
    are retried: a call that changes state (register, decide, delete) is never repeated, since a
    lost answer must not become a second effect. The call's deadline bounds all attempts together.
    """

    #: Attempts in all, the first included; 1 turns retries off (gRPC allows at most 5).
    max_attempts: int = 4
    #: Backoff before the second attempt, in seconds; each later one is multiplied, up to the maximum.
    initial_backoff_s: float = 0.1
    max_backoff_s: float = 2.0
    backoff_multiplier: float = 2.0
    #: Status codes worth another attempt: the server was unreachable or shedding load.
    retryable_codes: tuple[str, ...] = ("UNAVAILABLE",)


DEFAULT_RETRY_POLICY = RetryPolicy()


def _duration(seconds: float) -> str:
    # The JSON form of google.protobuf.Duration: decimal seconds, at most 9 fractional digits,
    # never an exponent (which str() of a small float would produce).
    return f"{seconds:.9f}".rstrip("0").rstrip(".") + "s"


def service_config(policy: RetryPolicy | None = DEFAULT_RETRY_POLICY) -> str:
    """The ``grpc.service_config`` JSON that retries the contract's idempotent methods.

    With ``None`` or ``max_attempts <= 1`` the config names no retry policy at all.
    """
    if policy is None or policy.max_attempts <= 1:
        return json.dumps({"methodConfig": []})
    names = [{"service": service, "method": method} for service, method in idempotent_methods()]
    return json.dumps(
        {
            "methodConfig": [
                {
                    "name": names,
                    "retryPolicy": {
                        "maxAttempts": policy.max_attempts,
                        "initialBackoff": _duration(policy.initial_backoff_s),
                        "maxBackoff": _duration(policy.max_backoff_s),
                        "backoffMultiplier": policy.backoff_multiplier,
                        "retryableStatusCodes": list(policy.retryable_codes),
                    },
                }
            ]
        }
    )
