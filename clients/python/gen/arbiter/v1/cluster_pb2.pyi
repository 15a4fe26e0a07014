import datetime

from arbiter.v1 import models_pb2 as _models_pb2
from arbiter.v1 import options_pb2 as _options_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LoadedModel(_message.Message):
    __slots__ = ("tenant", "name", "version", "memory_bytes", "execution_provider", "queue_depth", "statistics")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    MEMORY_BYTES_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    QUEUE_DEPTH_FIELD_NUMBER: _ClassVar[int]
    STATISTICS_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    name: str
    version: int
    memory_bytes: int
    execution_provider: str
    queue_depth: int
    statistics: _models_pb2.ModelStatistics
    def __init__(self, tenant: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., memory_bytes: _Optional[int] = ..., execution_provider: _Optional[str] = ..., queue_depth: _Optional[int] = ..., statistics: _Optional[_Union[_models_pb2.ModelStatistics, _Mapping]] = ...) -> None: ...

class NodeInfo(_message.Message):
    __slots__ = ("id", "role", "hostname", "version", "load", "queue_depth", "models", "memory_used_bytes", "memory_budget_bytes", "accelerators", "start_time", "last_heartbeat_time", "accepting", "process_rss_bytes", "in_flight")
    ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    HOSTNAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    LOAD_FIELD_NUMBER: _ClassVar[int]
    QUEUE_DEPTH_FIELD_NUMBER: _ClassVar[int]
    MODELS_FIELD_NUMBER: _ClassVar[int]
    MEMORY_USED_BYTES_FIELD_NUMBER: _ClassVar[int]
    MEMORY_BUDGET_BYTES_FIELD_NUMBER: _ClassVar[int]
    ACCELERATORS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_HEARTBEAT_TIME_FIELD_NUMBER: _ClassVar[int]
    ACCEPTING_FIELD_NUMBER: _ClassVar[int]
    PROCESS_RSS_BYTES_FIELD_NUMBER: _ClassVar[int]
    IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    id: str
    role: str
    hostname: str
    version: str
    load: float
    queue_depth: int
    models: _containers.RepeatedCompositeFieldContainer[LoadedModel]
    memory_used_bytes: int
    memory_budget_bytes: int
    accelerators: _containers.RepeatedScalarFieldContainer[str]
    start_time: _timestamp_pb2.Timestamp
    last_heartbeat_time: _timestamp_pb2.Timestamp
    accepting: bool
    process_rss_bytes: int
    in_flight: int
    def __init__(self, id: _Optional[str] = ..., role: _Optional[str] = ..., hostname: _Optional[str] = ..., version: _Optional[str] = ..., load: _Optional[float] = ..., queue_depth: _Optional[int] = ..., models: _Optional[_Iterable[_Union[LoadedModel, _Mapping]]] = ..., memory_used_bytes: _Optional[int] = ..., memory_budget_bytes: _Optional[int] = ..., accelerators: _Optional[_Iterable[str]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_heartbeat_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., accepting: _Optional[bool] = ..., process_rss_bytes: _Optional[int] = ..., in_flight: _Optional[int] = ...) -> None: ...

class ListNodesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListNodesResponse(_message.Message):
    __slots__ = ("nodes",)
    NODES_FIELD_NUMBER: _ClassVar[int]
    nodes: _containers.RepeatedCompositeFieldContainer[NodeInfo]
    def __init__(self, nodes: _Optional[_Iterable[_Union[NodeInfo, _Mapping]]] = ...) -> None: ...

class GetNodeRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetNodeResponse(_message.Message):
    __slots__ = ("node",)
    NODE_FIELD_NUMBER: _ClassVar[int]
    node: NodeInfo
    def __init__(self, node: _Optional[_Union[NodeInfo, _Mapping]] = ...) -> None: ...

class SetLogLevelRequest(_message.Message):
    __slots__ = ("level", "component", "duration_seconds")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    COMPONENT_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    level: str
    component: str
    duration_seconds: int
    def __init__(self, level: _Optional[str] = ..., component: _Optional[str] = ..., duration_seconds: _Optional[int] = ...) -> None: ...

class SetLogLevelResponse(_message.Message):
    __slots__ = ("nodes",)
    NODES_FIELD_NUMBER: _ClassVar[int]
    nodes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, nodes: _Optional[_Iterable[str]] = ...) -> None: ...

class GetLogLevelRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ProcessLogLevel(_message.Message):
    __slots__ = ("node", "level", "components")
    class ComponentsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NODE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    node: str
    level: str
    components: _containers.ScalarMap[str, str]
    def __init__(self, node: _Optional[str] = ..., level: _Optional[str] = ..., components: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetLogLevelResponse(_message.Message):
    __slots__ = ("processes",)
    PROCESSES_FIELD_NUMBER: _ClassVar[int]
    processes: _containers.RepeatedCompositeFieldContainer[ProcessLogLevel]
    def __init__(self, processes: _Optional[_Iterable[_Union[ProcessLogLevel, _Mapping]]] = ...) -> None: ...
