import datetime

from arbiter.v1 import common_pb2 as _common_pb2
from arbiter.v1 import decisions_pb2 as _decisions_pb2
from arbiter.v1 import inference_pb2 as _inference_pb2
from arbiter.v1 import options_pb2 as _options_pb2
from arbiter.v1 import pipelines_pb2 as _pipelines_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TaskState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TASK_STATE_UNSPECIFIED: _ClassVar[TaskState]
    TASK_STATE_PENDING: _ClassVar[TaskState]
    TASK_STATE_RUNNING: _ClassVar[TaskState]
    TASK_STATE_COMPLETED: _ClassVar[TaskState]
    TASK_STATE_CANCELLED: _ClassVar[TaskState]
    TASK_STATE_FAILED: _ClassVar[TaskState]

class ItemState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ITEM_STATE_UNSPECIFIED: _ClassVar[ItemState]
    ITEM_STATE_PENDING: _ClassVar[ItemState]
    ITEM_STATE_RUNNING: _ClassVar[ItemState]
    ITEM_STATE_SUCCEEDED: _ClassVar[ItemState]
    ITEM_STATE_DEAD_LETTERED: _ClassVar[ItemState]
    ITEM_STATE_CANCELLED: _ClassVar[ItemState]
TASK_STATE_UNSPECIFIED: TaskState
TASK_STATE_PENDING: TaskState
TASK_STATE_RUNNING: TaskState
TASK_STATE_COMPLETED: TaskState
TASK_STATE_CANCELLED: TaskState
TASK_STATE_FAILED: TaskState
ITEM_STATE_UNSPECIFIED: ItemState
ITEM_STATE_PENDING: ItemState
ITEM_STATE_RUNNING: ItemState
ITEM_STATE_SUCCEEDED: ItemState
ITEM_STATE_DEAD_LETTERED: ItemState
ITEM_STATE_CANCELLED: ItemState

class TaskItem(_message.Message):
    __slots__ = ("tensors", "values")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _pipelines_pb2.PipelineValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_pipelines_pb2.PipelineValue, _Mapping]] = ...) -> None: ...
    TENSORS_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    tensors: _containers.RepeatedCompositeFieldContainer[_common_pb2.Tensor]
    values: _containers.MessageMap[str, _pipelines_pb2.PipelineValue]
    def __init__(self, tensors: _Optional[_Iterable[_Union[_common_pb2.Tensor, _Mapping]]] = ..., values: _Optional[_Mapping[str, _pipelines_pb2.PipelineValue]] = ...) -> None: ...

class SubmitTaskRequest(_message.Message):
    __slots__ = ("idempotency_key", "model", "pipeline", "items", "max_attempts", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    model: _pipelines_pb2.ModelNode
    pipeline: ModelTargetPipeline
    items: _containers.RepeatedCompositeFieldContainer[TaskItem]
    max_attempts: int
    labels: _containers.ScalarMap[str, str]
    def __init__(self, idempotency_key: _Optional[str] = ..., model: _Optional[_Union[_pipelines_pb2.ModelNode, _Mapping]] = ..., pipeline: _Optional[_Union[ModelTargetPipeline, _Mapping]] = ..., items: _Optional[_Iterable[_Union[TaskItem, _Mapping]]] = ..., max_attempts: _Optional[int] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ModelTargetPipeline(_message.Message):
    __slots__ = ("pipeline", "selector")
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    pipeline: str
    selector: _common_pb2.VersionSelector
    def __init__(self, pipeline: _Optional[str] = ..., selector: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("id", "state", "idempotency_key", "total_items", "succeeded_items", "dead_lettered_items", "cancelled_items", "running_items", "redeliveries", "error", "labels", "create_time", "update_time")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ITEMS_FIELD_NUMBER: _ClassVar[int]
    SUCCEEDED_ITEMS_FIELD_NUMBER: _ClassVar[int]
    DEAD_LETTERED_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_ITEMS_FIELD_NUMBER: _ClassVar[int]
    RUNNING_ITEMS_FIELD_NUMBER: _ClassVar[int]
    REDELIVERIES_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: str
    state: TaskState
    idempotency_key: str
    total_items: int
    succeeded_items: int
    dead_lettered_items: int
    cancelled_items: int
    running_items: int
    redeliveries: int
    error: str
    labels: _containers.ScalarMap[str, str]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., state: _Optional[_Union[TaskState, str]] = ..., idempotency_key: _Optional[str] = ..., total_items: _Optional[int] = ..., succeeded_items: _Optional[int] = ..., dead_lettered_items: _Optional[int] = ..., cancelled_items: _Optional[int] = ..., running_items: _Optional[int] = ..., redeliveries: _Optional[int] = ..., error: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SubmitTaskResponse(_message.Message):
    __slots__ = ("task", "created")
    TASK_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    task: Task
    created: bool
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class GetTaskRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class ListTasksRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "state")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    state: TaskState
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[TaskState, str]] = ...) -> None: ...

class ListTasksResponse(_message.Message):
    __slots__ = ("tasks", "next_page_token")
    TASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    next_page_token: str
    def __init__(self, tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class TaskResult(_message.Message):
    __slots__ = ("item_index", "state", "attempts", "error", "inference", "decision")
    ITEM_INDEX_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    INFERENCE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    item_index: int
    state: ItemState
    attempts: int
    error: str
    inference: _inference_pb2.InferResponse
    decision: _decisions_pb2.Decision
    def __init__(self, item_index: _Optional[int] = ..., state: _Optional[_Union[ItemState, str]] = ..., attempts: _Optional[int] = ..., error: _Optional[str] = ..., inference: _Optional[_Union[_inference_pb2.InferResponse, _Mapping]] = ..., decision: _Optional[_Union[_decisions_pb2.Decision, _Mapping]] = ...) -> None: ...

class ListTaskResultsRequest(_message.Message):
    __slots__ = ("id", "page_size", "page_token")
    ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    id: str
    page_size: int
    page_token: str
    def __init__(self, id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTaskResultsResponse(_message.Message):
    __slots__ = ("results", "next_page_token")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[TaskResult]
    next_page_token: str
    def __init__(self, results: _Optional[_Iterable[_Union[TaskResult, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StreamTaskResultsRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class StreamTaskResultsResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: TaskResult
    def __init__(self, result: _Optional[_Union[TaskResult, _Mapping]] = ...) -> None: ...

class WatchTaskRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class WatchTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...

class CancelTaskRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class CancelTaskResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: Task
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ...) -> None: ...
