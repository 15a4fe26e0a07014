import datetime

from arbiter.v1 import common_pb2 as _common_pb2
from arbiter.v1 import options_pb2 as _options_pb2
from arbiter.v1 import pipelines_pb2 as _pipelines_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DecideRequest(_message.Message):
    __slots__ = ("pipeline", "selector", "inputs", "attributes", "request_id")
    class InputsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _pipelines_pb2.PipelineValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_pipelines_pb2.PipelineValue, _Mapping]] = ...) -> None: ...
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    pipeline: str
    selector: _common_pb2.VersionSelector
    inputs: _containers.MessageMap[str, _pipelines_pb2.PipelineValue]
    attributes: _containers.ScalarMap[str, str]
    request_id: str
    def __init__(self, pipeline: _Optional[str] = ..., selector: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ..., inputs: _Optional[_Mapping[str, _pipelines_pb2.PipelineValue]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class FiredRule(_message.Message):
    __slots__ = ("name", "label", "weight", "reason", "values")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Value
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    name: str
    label: str
    weight: float
    reason: str
    values: _containers.MessageMap[str, _struct_pb2.Value]
    def __init__(self, name: _Optional[str] = ..., label: _Optional[str] = ..., weight: _Optional[float] = ..., reason: _Optional[str] = ..., values: _Optional[_Mapping[str, _struct_pb2.Value]] = ...) -> None: ...

class ModelUse(_message.Message):
    __slots__ = ("node", "model", "version")
    NODE_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    node: str
    model: str
    version: int
    def __init__(self, node: _Optional[str] = ..., model: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class NodeTrace(_message.Message):
    __slots__ = ("node", "status", "duration_micros", "error")
    NODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DURATION_MICROS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    node: str
    status: str
    duration_micros: int
    error: str
    def __init__(self, node: _Optional[str] = ..., status: _Optional[str] = ..., duration_micros: _Optional[int] = ..., error: _Optional[str] = ...) -> None: ...

class Decision(_message.Message):
    __slots__ = ("id", "pipeline", "pipeline_version", "request_id", "label", "score", "fired_rules", "outputs", "models", "exited_at", "nodes", "trace_id", "create_time")
    class OutputsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _pipelines_pb2.PipelineValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_pipelines_pb2.PipelineValue, _Mapping]] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_VERSION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    FIRED_RULES_FIELD_NUMBER: _ClassVar[int]
    OUTPUTS_FIELD_NUMBER: _ClassVar[int]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    EXITED_AT_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    pipeline: str
    pipeline_version: int
    request_id: str
    label: str
    score: float
    fired_rules: _containers.RepeatedCompositeFieldContainer[FiredRule]
    outputs: _containers.MessageMap[str, _pipelines_pb2.PipelineValue]
    models: _containers.RepeatedCompositeFieldContainer[ModelUse]
    exited_at: str
    nodes: _containers.RepeatedCompositeFieldContainer[NodeTrace]
    trace_id: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., pipeline: _Optional[str] = ..., pipeline_version: _Optional[int] = ..., request_id: _Optional[str] = ..., label: _Optional[str] = ..., score: _Optional[float] = ..., fired_rules: _Optional[_Iterable[_Union[FiredRule, _Mapping]]] = ..., outputs: _Optional[_Mapping[str, _pipelines_pb2.PipelineValue]] = ..., models: _Optional[_Iterable[_Union[ModelUse, _Mapping]]] = ..., exited_at: _Optional[str] = ..., nodes: _Optional[_Iterable[_Union[NodeTrace, _Mapping]]] = ..., trace_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DecideResponse(_message.Message):
    __slots__ = ("decision",)
    DECISION_FIELD_NUMBER: _ClassVar[int]
    decision: Decision
    def __init__(self, decision: _Optional[_Union[Decision, _Mapping]] = ...) -> None: ...

class DecideStreamRequest(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: DecideRequest
    def __init__(self, request: _Optional[_Union[DecideRequest, _Mapping]] = ...) -> None: ...

class DecideStreamResponse(_message.Message):
    __slots__ = ("request_id", "decision", "error_code", "error_message")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    decision: Decision
    error_code: int
    error_message: str
    def __init__(self, request_id: _Optional[str] = ..., decision: _Optional[_Union[Decision, _Mapping]] = ..., error_code: _Optional[int] = ..., error_message: _Optional[str] = ...) -> None: ...

class GetDecisionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetDecisionResponse(_message.Message):
    __slots__ = ("decision", "inputs", "attributes")
    class InputsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _pipelines_pb2.PipelineValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_pipelines_pb2.PipelineValue, _Mapping]] = ...) -> None: ...
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DECISION_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    decision: Decision
    inputs: _containers.MessageMap[str, _pipelines_pb2.PipelineValue]
    attributes: _containers.ScalarMap[str, str]
    def __init__(self, decision: _Optional[_Union[Decision, _Mapping]] = ..., inputs: _Optional[_Mapping[str, _pipelines_pb2.PipelineValue]] = ..., attributes: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ListDecisionsRequest(_message.Message):
    __slots__ = ("pipeline", "page_size", "page_token", "since", "label")
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    pipeline: str
    page_size: int
    page_token: str
    since: _timestamp_pb2.Timestamp
    label: str
    def __init__(self, pipeline: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., label: _Optional[str] = ...) -> None: ...

class ListDecisionsResponse(_message.Message):
    __slots__ = ("decisions", "next_page_token")
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    decisions: _containers.RepeatedCompositeFieldContainer[Decision]
    next_page_token: str
    def __init__(self, decisions: _Optional[_Iterable[_Union[Decision, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReplayRequest(_message.Message):
    __slots__ = ("pipeline", "since", "until", "limit", "candidate", "model_overrides")
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_FIELD_NUMBER: _ClassVar[int]
    MODEL_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    pipeline: str
    since: _timestamp_pb2.Timestamp
    until: _timestamp_pb2.Timestamp
    limit: int
    candidate: _common_pb2.VersionSelector
    model_overrides: _containers.RepeatedCompositeFieldContainer[ModelOverride]
    def __init__(self, pipeline: _Optional[str] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ..., candidate: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ..., model_overrides: _Optional[_Iterable[_Union[ModelOverride, _Mapping]]] = ...) -> None: ...

class ModelOverride(_message.Message):
    __slots__ = ("model", "selector")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    model: str
    selector: _common_pb2.VersionSelector
    def __init__(self, model: _Optional[str] = ..., selector: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ...) -> None: ...

class ReplayDifference(_message.Message):
    __slots__ = ("decision_id", "original_label", "replayed_label", "original_score", "replayed_score")
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_LABEL_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_LABEL_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_SCORE_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    original_label: str
    replayed_label: str
    original_score: float
    replayed_score: float
    def __init__(self, decision_id: _Optional[str] = ..., original_label: _Optional[str] = ..., replayed_label: _Optional[str] = ..., original_score: _Optional[float] = ..., replayed_score: _Optional[float] = ...) -> None: ...

class ReplayResponse(_message.Message):
    __slots__ = ("replayed", "changed", "failed", "differences")
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    DIFFERENCES_FIELD_NUMBER: _ClassVar[int]
    replayed: int
    changed: int
    failed: int
    differences: _containers.RepeatedCompositeFieldContainer[ReplayDifference]
    def __init__(self, replayed: _Optional[int] = ..., changed: _Optional[int] = ..., failed: _Optional[int] = ..., differences: _Optional[_Iterable[_Union[ReplayDifference, _Mapping]]] = ...) -> None: ...
