"""Trains Arbiter's example models on datasets bundled with scikit-learn and exports them to ONNX.

Regenerate (from the repository root):

    python3 -m venv .cache/venv
    .cache/venv/bin/pip install scikit-learn==1.6.1 skl2onnx==1.20.0 onnx==1.18.0 onnxruntime==1.22.0
    .cache/venv/bin/python examples/models/train.py

Writes, next to this script: risk-classifier.onnx, digits-classifier.onnx, diabetes-regressor.onnx,
expected.json (a few test-set inputs with the outputs ONNX Runtime gives) and metrics.json
(held-out accuracy / error). Training is seeded, so reruns produce the same models.
"""

import json
import pathlib

import numpy as np
import onnxruntime as ort
from skl2onnx import to_onnx
from skl2onnx.common.data_types import FloatTensorType
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import accuracy_score, mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = pathlib.Path(__file__).resolve().parent
SEED = 42
OPSET = {"": 17, "ai.onnx.ml": 3}


def export(model, n_features, path, doc, outputs=None):
    onx = to_onnx(
        model,
        initial_types=[("features", FloatTensorType([None, n_features]))],
        final_types=outputs,
        options={"zipmap": False} if outputs is None else None,
        target_opset=OPSET,
    )
    onx.doc_string = doc
    onx.producer_name = "arbiter-examples"
    path.write_bytes(onx.SerializeToString())
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def rows(x):
    return [[float(v) for v in row] for row in x.astype(np.float32)]


def main():
    expected = {}
    metrics = {}

    # Risk classifier: 30 FP32 features (Wisconsin breast cancer), P(malignant) as the risk score.
    data = load_breast_cancer()
    y = (data.target == 0).astype(np.int64)  # 1 = malignant = high risk
    x_train, x_test, y_train, y_test = train_test_split(
        data.data.astype(np.float32), y, test_size=0.25, random_state=SEED, stratify=y
    )
    clf = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=1000, random_state=SEED))
    clf.fit(x_train, y_train)
    sess = export(clf, 30, HERE / "risk-classifier.onnx", "Breast-cancer risk classifier: 30 features -> label, probabilities [benign, malignant]")
    label, proba = sess.run(None, {"features": x_test})
    metrics["risk-classifier"] = {"dataset": "sklearn.datasets.load_breast_cancer", "test_rows": len(y_test), "accuracy": float(accuracy_score(y_test, label))}
    expected["risk-classifier"] = {
        "inputs": {"features": {"datatype": "FP32", "shape": [4, 30], "data": rows(x_test[:4])}},
        "outputs": {
            "label": {"datatype": "INT64", "shape": [4], "data": [int(v) for v in label[:4]]},
            "probabilities": {"datatype": "FP32", "shape": [4, 2], "data": [[float(v) for v in r] for r in proba[:4]]},
        },
    }

    # Digits classifier: 8x8 grey images (0..16) flattened to 64 FP32 features, 10 classes.
    data = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        data.data.astype(np.float32), data.target.astype(np.int64), test_size=0.25, random_state=SEED, stratify=data.target
    )
    clf = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(128,), max_iter=1000, random_state=SEED))
    clf.fit(x_train, y_train)
    sess = export(clf, 64, HERE / "digits-classifier.onnx", "Handwritten digits: 64 pixels (8x8, values 0..16) -> label 0..9, probabilities [10]")
    label, proba = sess.run(None, {"features": x_test})
    metrics["digits-classifier"] = {"dataset": "sklearn.datasets.load_digits", "test_rows": len(y_test), "accuracy": float(accuracy_score(y_test, label))}
    expected["digits-classifier"] = {
        "inputs": {"features": {"datatype": "FP32", "shape": [3, 64], "data": rows(x_test[:3])}},
        "outputs": {
            "label": {"datatype": "INT64", "shape": [3], "data": [int(v) for v in label[:3]]},
            "probabilities": {"datatype": "FP32", "shape": [3, 10], "data": [[float(v) for v in r] for r in proba[:3]]},
        },
    }

    # Regressor: diabetes progression one year after baseline, from 10 standardized features.
    data = load_diabetes()
    x_train, x_test, y_train, y_test = train_test_split(data.data.astype(np.float32), data.target, test_size=0.25, random_state=SEED)
    reg = GradientBoostingRegressor(n_estimators=150, max_depth=3, learning_rate=0.05, random_state=SEED)
    reg.fit(x_train, y_train)
    sess = export(
        reg, 10, HERE / "diabetes-regressor.onnx", "Diabetes progression regressor: 10 features -> prediction [1]",
        outputs=[("prediction", FloatTensorType([None, 1]))],
    )
    (pred,) = sess.run(None, {"features": x_test})
    metrics["diabetes-regressor"] = {
        "dataset": "sklearn.datasets.load_diabetes",
        "test_rows": len(y_test),
        "r2": float(r2_score(y_test, pred[:, 0])),
        "mae": float(mean_absolute_error(y_test, pred[:, 0])),
    }
    expected["diabetes-regressor"] = {
        "inputs": {"features": {"datatype": "FP32", "shape": [3, 10], "data": rows(x_test[:3])}},
        "outputs": {"prediction": {"datatype": "FP32", "shape": [3, 1], "data": [[float(v) for v in r] for r in pred[:3]]}},
    }

    expected["_comment"] = (
        "Outputs from onnxruntime (Python) at export time. Labels must match exactly; "
        "FP32 outputs within 1e-5 absolute or relative (other ONNX Runtime versions may round differently)."
    )
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    (HERE / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n")
    print(json.dumps(metrics, indent=1))


if __name__ == "__main__":
    main()
