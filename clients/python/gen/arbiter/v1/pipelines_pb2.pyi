import datetime

from arbiter.v1 import common_pb2 as _common_pb2
from arbiter.v1 import options_pb2 as _options_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RemoteProtocol(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REMOTE_PROTOCOL_UNSPECIFIED: _ClassVar[RemoteProtocol]
    REMOTE_PROTOCOL_OIP: _ClassVar[RemoteProtocol]
    REMOTE_PROTOCOL_OPENAI_CHAT: _ClassVar[RemoteProtocol]
    REMOTE_PROTOCOL_OPENAI_EMBEDDINGS: _ClassVar[RemoteProtocol]

class RulesMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RULES_MODE_UNSPECIFIED: _ClassVar[RulesMode]
    RULES_MODE_FIRST_MATCH: _ClassVar[RulesMode]
    RULES_MODE_SCORE_WEIGHTED: _ClassVar[RulesMode]
REMOTE_PROTOCOL_UNSPECIFIED: RemoteProtocol
REMOTE_PROTOCOL_OIP: RemoteProtocol
REMOTE_PROTOCOL_OPENAI_CHAT: RemoteProtocol
REMOTE_PROTOCOL_OPENAI_EMBEDDINGS: RemoteProtocol
RULES_MODE_UNSPECIFIED: RulesMode
RULES_MODE_FIRST_MATCH: RulesMode
RULES_MODE_SCORE_WEIGHTED: RulesMode

class PipelineValue(_message.Message):
    __slots__ = ("value", "tensor")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    TENSOR_FIELD_NUMBER: _ClassVar[int]
    value: _struct_pb2.Value
    tensor: _common_pb2.Tensor
    def __init__(self, value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., tensor: _Optional[_Union[_common_pb2.Tensor, _Mapping]] = ...) -> None: ...

class PipelineInput(_message.Message):
    __slots__ = ("name", "type", "shape", "required")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SHAPE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: str
    shape: _containers.RepeatedScalarFieldContainer[int]
    required: bool
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., shape: _Optional[_Iterable[int]] = ..., required: _Optional[bool] = ...) -> None: ...

class Edge(_message.Message):
    __slots__ = ("to",)
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    to: str
    def __init__(self, to: _Optional[str] = ..., **kwargs) -> None: ...

class ModelNode(_message.Message):
    __slots__ = ("model", "selector")
    MODEL_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    model: str
    selector: _common_pb2.VersionSelector
    def __init__(self, model: _Optional[str] = ..., selector: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ...) -> None: ...

class VectorSearchNode(_message.Message):
    __slots__ = ("collection", "k", "filter", "ef_search")
    class FilterEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    COLLECTION_FIELD_NUMBER: _ClassVar[int]
    K_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    EF_SEARCH_FIELD_NUMBER: _ClassVar[int]
    collection: str
    k: int
    filter: _containers.ScalarMap[str, str]
    ef_search: int
    def __init__(self, collection: _Optional[str] = ..., k: _Optional[int] = ..., filter: _Optional[_Mapping[str, str]] = ..., ef_search: _Optional[int] = ...) -> None: ...

class Assignment(_message.Message):
    __slots__ = ("name", "expression")
    NAME_FIELD_NUMBER: _ClassVar[int]
    EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    expression: str
    def __init__(self, name: _Optional[str] = ..., expression: _Optional[str] = ...) -> None: ...

class TransformNode(_message.Message):
    __slots__ = ("assignments",)
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    assignments: _containers.RepeatedCompositeFieldContainer[Assignment]
    def __init__(self, assignments: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ...) -> None: ...

class PluginNode(_message.Message):
    __slots__ = ("plugin", "config")
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    config: _struct_pb2.Struct
    def __init__(self, plugin: _Optional[str] = ..., config: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class RemoteNode(_message.Message):
    __slots__ = ("protocol", "url", "model", "timeout_ms", "retries", "breaker_failure_threshold", "breaker_reset_ms", "credential_secret")
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    RETRIES_FIELD_NUMBER: _ClassVar[int]
    BREAKER_FAILURE_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    BREAKER_RESET_MS_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_SECRET_FIELD_NUMBER: _ClassVar[int]
    protocol: RemoteProtocol
    url: str
    model: str
    timeout_ms: int
    retries: int
    breaker_failure_threshold: int
    breaker_reset_ms: int
    credential_secret: str
    def __init__(self, protocol: _Optional[_Union[RemoteProtocol, str]] = ..., url: _Optional[str] = ..., model: _Optional[str] = ..., timeout_ms: _Optional[int] = ..., retries: _Optional[int] = ..., breaker_failure_threshold: _Optional[int] = ..., breaker_reset_ms: _Optional[int] = ..., credential_secret: _Optional[str] = ...) -> None: ...

class Rule(_message.Message):
    __slots__ = ("name", "when", "label", "weight", "reason", "report")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WHEN_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    name: str
    when: str
    label: str
    weight: float
    reason: str
    report: _containers.RepeatedCompositeFieldContainer[Assignment]
    def __init__(self, name: _Optional[str] = ..., when: _Optional[str] = ..., label: _Optional[str] = ..., weight: _Optional[float] = ..., reason: _Optional[str] = ..., report: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ...) -> None: ...

class RulesNode(_message.Message):
    __slots__ = ("mode", "rules", "default_label", "score")
    MODE_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_LABEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    mode: RulesMode
    rules: _containers.RepeatedCompositeFieldContainer[Rule]
    default_label: str
    score: str
    def __init__(self, mode: _Optional[_Union[RulesMode, str]] = ..., rules: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ..., default_label: _Optional[str] = ..., score: _Optional[str] = ...) -> None: ...

class Fallback(_message.Message):
    __slots__ = ("value", "node")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    NODE_FIELD_NUMBER: _ClassVar[int]
    value: PipelineValue
    node: str
    def __init__(self, value: _Optional[_Union[PipelineValue, _Mapping]] = ..., node: _Optional[str] = ...) -> None: ...

class Node(_message.Message):
    __slots__ = ("name", "when", "exit_when", "optional", "fallback", "timeout_ms", "model", "vector_search", "transform", "plugin", "remote", "rules")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WHEN_FIELD_NUMBER: _ClassVar[int]
    EXIT_WHEN_FIELD_NUMBER: _ClassVar[int]
    OPTIONAL_FIELD_NUMBER: _ClassVar[int]
    FALLBACK_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    VECTOR_SEARCH_FIELD_NUMBER: _ClassVar[int]
    TRANSFORM_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    REMOTE_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    name: str
    when: str
    exit_when: str
    optional: bool
    fallback: Fallback
    timeout_ms: int
    model: ModelNode
    vector_search: VectorSearchNode
    transform: TransformNode
    plugin: PluginNode
    remote: RemoteNode
    rules: RulesNode
    def __init__(self, name: _Optional[str] = ..., when: _Optional[str] = ..., exit_when: _Optional[str] = ..., optional: _Optional[bool] = ..., fallback: _Optional[_Union[Fallback, _Mapping]] = ..., timeout_ms: _Optional[int] = ..., model: _Optional[_Union[ModelNode, _Mapping]] = ..., vector_search: _Optional[_Union[VectorSearchNode, _Mapping]] = ..., transform: _Optional[_Union[TransformNode, _Mapping]] = ..., plugin: _Optional[_Union[PluginNode, _Mapping]] = ..., remote: _Optional[_Union[RemoteNode, _Mapping]] = ..., rules: _Optional[_Union[RulesNode, _Mapping]] = ...) -> None: ...

class AuditPolicy(_message.Message):
    __slots__ = ("sample_rate",)
    SAMPLE_RATE_FIELD_NUMBER: _ClassVar[int]
    sample_rate: float
    def __init__(self, sample_rate: _Optional[float] = ...) -> None: ...

class ShadowPolicy(_message.Message):
    __slots__ = ("version", "sample_rate")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_FIELD_NUMBER: _ClassVar[int]
    version: int
    sample_rate: float
    def __init__(self, version: _Optional[int] = ..., sample_rate: _Optional[float] = ...) -> None: ...

class Pipeline(_message.Message):
    __slots__ = ("name", "version", "description", "inputs", "nodes", "edges", "audit", "shadow", "labels", "aliases", "create_time")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    EDGES_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    SHADOW_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: int
    description: str
    inputs: _containers.RepeatedCompositeFieldContainer[PipelineInput]
    nodes: _containers.RepeatedCompositeFieldContainer[Node]
    edges: _containers.RepeatedCompositeFieldContainer[Edge]
    audit: AuditPolicy
    shadow: ShadowPolicy
    labels: _containers.ScalarMap[str, str]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., version: _Optional[int] = ..., description: _Optional[str] = ..., inputs: _Optional[_Iterable[_Union[PipelineInput, _Mapping]]] = ..., nodes: _Optional[_Iterable[_Union[Node, _Mapping]]] = ..., edges: _Optional[_Iterable[_Union[Edge, _Mapping]]] = ..., audit: _Optional[_Union[AuditPolicy, _Mapping]] = ..., shadow: _Optional[_Union[ShadowPolicy, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., aliases: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreatePipelineRequest(_message.Message):
    __slots__ = ("pipeline",)
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    pipeline: Pipeline
    def __init__(self, pipeline: _Optional[_Union[Pipeline, _Mapping]] = ...) -> None: ...

class CreatePipelineResponse(_message.Message):
    __slots__ = ("pipeline",)
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    pipeline: Pipeline
    def __init__(self, pipeline: _Optional[_Union[Pipeline, _Mapping]] = ...) -> None: ...

class ValidatePipelineRequest(_message.Message):
    __slots__ = ("pipeline",)
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    pipeline: Pipeline
    def __init__(self, pipeline: _Optional[_Union[Pipeline, _Mapping]] = ...) -> None: ...

class PipelineProblem(_message.Message):
    __slots__ = ("node", "field", "message")
    NODE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    node: str
    field: str
    message: str
    def __init__(self, node: _Optional[str] = ..., field: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ValidatePipelineResponse(_message.Message):
    __slots__ = ("problems",)
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    problems: _containers.RepeatedCompositeFieldContainer[PipelineProblem]
    def __init__(self, problems: _Optional[_Iterable[_Union[PipelineProblem, _Mapping]]] = ...) -> None: ...

class GetPipelineRequest(_message.Message):
    __slots__ = ("name", "selector")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    name: str
    selector: _common_pb2.VersionSelector
    def __init__(self, name: _Optional[str] = ..., selector: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ...) -> None: ...

class GetPipelineResponse(_message.Message):
    __slots__ = ("pipeline",)
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    pipeline: Pipeline
    def __init__(self, pipeline: _Optional[_Union[Pipeline, _Mapping]] = ...) -> None: ...

class ListPipelinesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "name")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    name: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ListPipelinesResponse(_message.Message):
    __slots__ = ("pipelines", "next_page_token")
    PIPELINES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    pipelines: _containers.RepeatedCompositeFieldContainer[Pipeline]
    next_page_token: str
    def __init__(self, pipelines: _Optional[_Iterable[_Union[Pipeline, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeletePipelineRequest(_message.Message):
    __slots__ = ("name", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: int
    def __init__(self, name: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class DeletePipelineResponse(_message.Message):
    __slots__ = ("deleted_versions",)
    DELETED_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    deleted_versions: int
    def __init__(self, deleted_versions: _Optional[int] = ...) -> None: ...

class SetPipelineAliasRequest(_message.Message):
    __slots__ = ("name", "alias", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ALIAS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    alias: str
    version: int
    def __init__(self, name: _Optional[str] = ..., alias: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class SetPipelineAliasResponse(_message.Message):
    __slots__ = ("pipeline", "previous_version")
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    pipeline: Pipeline
    previous_version: int
    def __init__(self, pipeline: _Optional[_Union[Pipeline, _Mapping]] = ..., previous_version: _Optional[int] = ...) -> None: ...

class Plugin(_message.Message):
    __slots__ = ("name", "origin", "description", "path", "version", "loaded", "error")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    LOADED_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    name: str
    origin: str
    description: str
    path: str
    version: str
    loaded: bool
    error: str
    def __init__(self, name: _Optional[str] = ..., origin: _Optional[str] = ..., description: _Optional[str] = ..., path: _Optional[str] = ..., version: _Optional[str] = ..., loaded: _Optional[bool] = ..., error: _Optional[str] = ...) -> None: ...

class ListPluginsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListPluginsResponse(_message.Message):
    __slots__ = ("plugins",)
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    plugins: _containers.RepeatedCompositeFieldContainer[Plugin]
    def __init__(self, plugins: _Optional[_Iterable[_Union[Plugin, _Mapping]]] = ...) -> None: ...

class LoadPluginRequest(_message.Message):
    __slots__ = ("file",)
    FILE_FIELD_NUMBER: _ClassVar[int]
    file: str
    def __init__(self, file: _Optional[str] = ...) -> None: ...

class LoadPluginResponse(_message.Message):
    __slots__ = ("plugin",)
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    plugin: Plugin
    def __init__(self, plugin: _Optional[_Union[Plugin, _Mapping]] = ...) -> None: ...
