"""The Arbiter quickstart in Python: register a model, infer, decide, search.

Against the mesh of `npm start` (gRPC on 127.0.0.1:8080), after `pip install ./clients/python`:

    ARBITER_ADDRESS=127.0.0.1:8080 ARBITER_API_KEY=<key> python clients/python/examples/quickstart.py

Environment: ARBITER_ADDRESS (host:port), ARBITER_API_KEY (sent as a bearer credential, if set),
ARBITER_TLS=1 to use TLS with gRPC's bundled roots or ARBITER_CA_FILE=<pem> to trust a CA,
ARBITER_EXAMPLES (the repository's examples folder; default: found from this file).
The last line printed is one JSON object with what the mesh answered.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from google.protobuf import struct_pb2
from google.protobuf.json_format import Parse

from arbiter.v1 import common_pb2, decisions_pb2, inference_pb2, models_pb2, pipelines_pb2, vectors_pb2
from arbiter_client import connect, from_tensor, to_tensor

LANGUAGE = "python"
#: RegisterModel takes the artifact in chunks; the server accepts up to 4 MiB, 1 MiB is plenty.
CHUNK_BYTES = 1 << 20


def upload(name: str, artifact: Path) -> Iterator[models_pb2.RegisterModelRequest]:
    """The RegisterModel stream: the metadata first (version 0: the next one), then the bytes."""
    yield models_pb2.RegisterModelRequest(metadata=models_pb2.ModelUpload(name=name, version=0))
    with artifact.open("rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            yield models_pb2.RegisterModelRequest(chunk=chunk)


def pipeline_value(value: object) -> pipelines_pb2.PipelineValue:
    """A JSON value (number, list, ...) as a pipeline input."""
    return pipelines_pb2.PipelineValue(value=Parse(json.dumps(value), struct_pb2.Value()))


def main() -> None:
    address = os.environ.get("ARBITER_ADDRESS", "127.0.0.1:8080")
    examples = Path(os.environ.get("ARBITER_EXAMPLES") or Path(__file__).resolve().parents[3] / "examples")
    model_name = f"risk-classifier-{LANGUAGE}"

    with connect(
        address,
        api_key=os.environ.get("ARBITER_API_KEY") or None,
        tls=os.environ.get("ARBITER_TLS") == "1",
        ca_file=os.environ.get("ARBITER_CA_FILE") or None,
        timeout=30,
    ) as client:
        registered = client.models.RegisterModel(upload(model_name, examples / "models" / "risk-classifier.onnx"))
        version = registered.model.version
        print(f"registered {model_name} version {version}")

        expected = json.loads((examples / "models" / "expected.json").read_text())
        row = np.asarray(expected["risk-classifier"]["inputs"]["features"]["data"][0], dtype=np.float32)
        inferred = client.inference.Infer(
            inference_pb2.InferRequest(
                model=model_name,
                selector=common_pb2.VersionSelector(version=version),
                inputs=[to_tensor("features", row.reshape(1, -1))],
            )
        )
        outputs = {t.name: from_tensor(t) for t in inferred.outputs}
        label = int(outputs["label"].reshape(-1)[0])
        probabilities = [float(p) for p in outputs["probabilities"].reshape(-1)]
        print(f"label {label}, probabilities {probabilities}")

        request = json.loads((examples / "requests" / "transaction-risk.json").read_text())
        decided = client.decisions.Decide(
            decisions_pb2.DecideRequest(
                pipeline="transaction-risk",
                inputs={name: pipeline_value(value) for name, value in request.items()},
            )
        )
        decision = decided.decision
        print(f"decision {decision.label} ({', '.join(r.name for r in decision.fired_rules)})")

        search = json.loads((examples / "requests" / "catalogue-search.json").read_text())
        found = client.vectors.Search(
            vectors_pb2.SearchRequest(collection=search["collection"], k=search["k"], query=search["query"])
        )
        print(f"nearest to {search['text']!r}: {[hit.id for hit in found.hits]}")

    print(
        json.dumps(
            {
                "model": model_name,
                "version": version,
                "label": label,
                "probabilities": probabilities,
                "decision": decision.label,
                "fired_rule": decision.fired_rules[0].name if decision.fired_rules else None,
                "nearest": found.hits[0].id if found.hits else None,
            }
        )
    )


if __name__ == "__main__":
    main()
