from arbiter.v1 import common_pb2 as _common_pb2
from arbiter.v1 import options_pb2 as _options_pb2
from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StreamOrdering(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STREAM_ORDERING_UNSPECIFIED: _ClassVar[StreamOrdering]
    STREAM_ORDERING_ORDERED: _ClassVar[StreamOrdering]
    STREAM_ORDERING_PARALLEL: _ClassVar[StreamOrdering]
STREAM_ORDERING_UNSPECIFIED: StreamOrdering
STREAM_ORDERING_ORDERED: StreamOrdering
STREAM_ORDERING_PARALLEL: StreamOrdering

class StreamStats(_message.Message):
    __slots__ = ("lag", "in_flight", "processed", "redeliveries", "dead_lettered")
    LAG_FIELD_NUMBER: _ClassVar[int]
    IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    PROCESSED_FIELD_NUMBER: _ClassVar[int]
    REDELIVERIES_FIELD_NUMBER: _ClassVar[int]
    DEAD_LETTERED_FIELD_NUMBER: _ClassVar[int]
    lag: int
    in_flight: int
    processed: int
    redeliveries: int
    dead_lettered: int
    def __init__(self, lag: _Optional[int] = ..., in_flight: _Optional[int] = ..., processed: _Optional[int] = ..., redeliveries: _Optional[int] = ..., dead_lettered: _Optional[int] = ...) -> None: ...

class StreamBinding(_message.Message):
    __slots__ = ("name", "pipeline", "selector", "output_subject", "ordering", "max_in_flight", "max_attempts", "input_subject", "stats")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ORDERING_FIELD_NUMBER: _ClassVar[int]
    MAX_IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    INPUT_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    name: str
    pipeline: str
    selector: _common_pb2.VersionSelector
    output_subject: str
    ordering: StreamOrdering
    max_in_flight: int
    max_attempts: int
    input_subject: str
    stats: StreamStats
    def __init__(self, name: _Optional[str] = ..., pipeline: _Optional[str] = ..., selector: _Optional[_Union[_common_pb2.VersionSelector, _Mapping]] = ..., output_subject: _Optional[str] = ..., ordering: _Optional[_Union[StreamOrdering, str]] = ..., max_in_flight: _Optional[int] = ..., max_attempts: _Optional[int] = ..., input_subject: _Optional[str] = ..., stats: _Optional[_Union[StreamStats, _Mapping]] = ...) -> None: ...

class CreateStreamBindingRequest(_message.Message):
    __slots__ = ("binding",)
    BINDING_FIELD_NUMBER: _ClassVar[int]
    binding: StreamBinding
    def __init__(self, binding: _Optional[_Union[StreamBinding, _Mapping]] = ...) -> None: ...

class CreateStreamBindingResponse(_message.Message):
    __slots__ = ("binding",)
    BINDING_FIELD_NUMBER: _ClassVar[int]
    binding: StreamBinding
    def __init__(self, binding: _Optional[_Union[StreamBinding, _Mapping]] = ...) -> None: ...

class GetStreamBindingRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetStreamBindingResponse(_message.Message):
    __slots__ = ("binding",)
    BINDING_FIELD_NUMBER: _ClassVar[int]
    binding: StreamBinding
    def __init__(self, binding: _Optional[_Union[StreamBinding, _Mapping]] = ...) -> None: ...

class ListStreamBindingsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStreamBindingsResponse(_message.Message):
    __slots__ = ("bindings", "next_page_token")
    BINDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    bindings: _containers.RepeatedCompositeFieldContainer[StreamBinding]
    next_page_token: str
    def __init__(self, bindings: _Optional[_Iterable[_Union[StreamBinding, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteStreamBindingRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DeleteStreamBindingResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
