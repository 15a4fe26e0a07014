package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
 * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class TaskServiceGrpc {

  private TaskServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.TaskService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SubmitTaskRequest,
      dev.arbiter.client.v1.SubmitTaskResponse> getSubmitTaskMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitTask",
      requestType = dev.arbiter.client.v1.SubmitTaskRequest.class,
      responseType = dev.arbiter.client.v1.SubmitTaskResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SubmitTaskRequest,
      dev.arbiter.client.v1.SubmitTaskResponse> getSubmitTaskMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SubmitTaskRequest, dev.arbiter.client.v1.SubmitTaskResponse> getSubmitTaskMethod;
    if ((getSubmitTaskMethod = TaskServiceGrpc.getSubmitTaskMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getSubmitTaskMethod = TaskServiceGrpc.getSubmitTaskMethod) == null) {
          TaskServiceGrpc.getSubmitTaskMethod = getSubmitTaskMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SubmitTaskRequest, dev.arbiter.client.v1.SubmitTaskResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitTask"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SubmitTaskRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SubmitTaskResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("SubmitTask"))
              .build();
        }
      }
    }
    return getSubmitTaskMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetTaskRequest,
      dev.arbiter.client.v1.GetTaskResponse> getGetTaskMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTask",
      requestType = dev.arbiter.client.v1.GetTaskRequest.class,
      responseType = dev.arbiter.client.v1.GetTaskResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetTaskRequest,
      dev.arbiter.client.v1.GetTaskResponse> getGetTaskMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetTaskRequest, dev.arbiter.client.v1.GetTaskResponse> getGetTaskMethod;
    if ((getGetTaskMethod = TaskServiceGrpc.getGetTaskMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getGetTaskMethod = TaskServiceGrpc.getGetTaskMethod) == null) {
          TaskServiceGrpc.getGetTaskMethod = getGetTaskMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetTaskRequest, dev.arbiter.client.v1.GetTaskResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTask"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetTaskRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetTaskResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("GetTask"))
              .build();
        }
      }
    }
    return getGetTaskMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTasksRequest,
      dev.arbiter.client.v1.ListTasksResponse> getListTasksMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTasks",
      requestType = dev.arbiter.client.v1.ListTasksRequest.class,
      responseType = dev.arbiter.client.v1.ListTasksResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTasksRequest,
      dev.arbiter.client.v1.ListTasksResponse> getListTasksMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTasksRequest, dev.arbiter.client.v1.ListTasksResponse> getListTasksMethod;
    if ((getListTasksMethod = TaskServiceGrpc.getListTasksMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getListTasksMethod = TaskServiceGrpc.getListTasksMethod) == null) {
          TaskServiceGrpc.getListTasksMethod = getListTasksMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListTasksRequest, dev.arbiter.client.v1.ListTasksResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTasks"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListTasksRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListTasksResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("ListTasks"))
              .build();
        }
      }
    }
    return getListTasksMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTaskResultsRequest,
      dev.arbiter.client.v1.ListTaskResultsResponse> getListTaskResultsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTaskResults",
      requestType = dev.arbiter.client.v1.ListTaskResultsRequest.class,
      responseType = dev.arbiter.client.v1.ListTaskResultsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTaskResultsRequest,
      dev.arbiter.client.v1.ListTaskResultsResponse> getListTaskResultsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTaskResultsRequest, dev.arbiter.client.v1.ListTaskResultsResponse> getListTaskResultsMethod;
    if ((getListTaskResultsMethod = TaskServiceGrpc.getListTaskResultsMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getListTaskResultsMethod = TaskServiceGrpc.getListTaskResultsMethod) == null) {
          TaskServiceGrpc.getListTaskResultsMethod = getListTaskResultsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListTaskResultsRequest, dev.arbiter.client.v1.ListTaskResultsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTaskResults"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListTaskResultsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListTaskResultsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("ListTaskResults"))
              .build();
        }
      }
    }
    return getListTaskResultsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.StreamTaskResultsRequest,
      dev.arbiter.client.v1.StreamTaskResultsResponse> getStreamTaskResultsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamTaskResults",
      requestType = dev.arbiter.client.v1.StreamTaskResultsRequest.class,
      responseType = dev.arbiter.client.v1.StreamTaskResultsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.StreamTaskResultsRequest,
      dev.arbiter.client.v1.StreamTaskResultsResponse> getStreamTaskResultsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.StreamTaskResultsRequest, dev.arbiter.client.v1.StreamTaskResultsResponse> getStreamTaskResultsMethod;
    if ((getStreamTaskResultsMethod = TaskServiceGrpc.getStreamTaskResultsMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getStreamTaskResultsMethod = TaskServiceGrpc.getStreamTaskResultsMethod) == null) {
          TaskServiceGrpc.getStreamTaskResultsMethod = getStreamTaskResultsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.StreamTaskResultsRequest, dev.arbiter.client.v1.StreamTaskResultsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamTaskResults"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.StreamTaskResultsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.StreamTaskResultsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("StreamTaskResults"))
              .build();
        }
      }
    }
    return getStreamTaskResultsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.WatchTaskRequest,
      dev.arbiter.client.v1.WatchTaskResponse> getWatchTaskMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchTask",
      requestType = dev.arbiter.client.v1.WatchTaskRequest.class,
      responseType = dev.arbiter.client.v1.WatchTaskResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.WatchTaskRequest,
      dev.arbiter.client.v1.WatchTaskResponse> getWatchTaskMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.WatchTaskRequest, dev.arbiter.client.v1.WatchTaskResponse> getWatchTaskMethod;
    if ((getWatchTaskMethod = TaskServiceGrpc.getWatchTaskMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getWatchTaskMethod = TaskServiceGrpc.getWatchTaskMethod) == null) {
          TaskServiceGrpc.getWatchTaskMethod = getWatchTaskMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.WatchTaskRequest, dev.arbiter.client.v1.WatchTaskResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchTask"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.WatchTaskRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.WatchTaskResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("WatchTask"))
              .build();
        }
      }
    }
    return getWatchTaskMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CancelTaskRequest,
      dev.arbiter.client.v1.CancelTaskResponse> getCancelTaskMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CancelTask",
      requestType = dev.arbiter.client.v1.CancelTaskRequest.class,
      responseType = dev.arbiter.client.v1.CancelTaskResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CancelTaskRequest,
      dev.arbiter.client.v1.CancelTaskResponse> getCancelTaskMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CancelTaskRequest, dev.arbiter.client.v1.CancelTaskResponse> getCancelTaskMethod;
    if ((getCancelTaskMethod = TaskServiceGrpc.getCancelTaskMethod) == null) {
      synchronized (TaskServiceGrpc.class) {
        if ((getCancelTaskMethod = TaskServiceGrpc.getCancelTaskMethod) == null) {
          TaskServiceGrpc.getCancelTaskMethod = getCancelTaskMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CancelTaskRequest, dev.arbiter.client.v1.CancelTaskResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CancelTask"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CancelTaskRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CancelTaskResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TaskServiceMethodDescriptorSupplier("CancelTask"))
              .build();
        }
      }
    }
    return getCancelTaskMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static TaskServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaskServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaskServiceStub>() {
        @java.lang.Override
        public TaskServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaskServiceStub(channel, callOptions);
        }
      };
    return TaskServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static TaskServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaskServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaskServiceBlockingV2Stub>() {
        @java.lang.Override
        public TaskServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaskServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return TaskServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static TaskServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaskServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaskServiceBlockingStub>() {
        @java.lang.Override
        public TaskServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaskServiceBlockingStub(channel, callOptions);
        }
      };
    return TaskServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static TaskServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TaskServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TaskServiceFutureStub>() {
        @java.lang.Override
        public TaskServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TaskServiceFutureStub(channel, callOptions);
        }
      };
    return TaskServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
   * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Records a task and its items; the same idempotency key returns the same task.
     * </pre>
     */
    default void submitTask(dev.arbiter.client.v1.SubmitTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SubmitTaskResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitTaskMethod(), responseObserver);
    }

    /**
     */
    default void getTask(dev.arbiter.client.v1.GetTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetTaskResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTaskMethod(), responseObserver);
    }

    /**
     */
    default void listTasks(dev.arbiter.client.v1.ListTasksRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTasksResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTasksMethod(), responseObserver);
    }

    /**
     * <pre>
     * Item results, one page at a time, in item order.
     * </pre>
     */
    default void listTaskResults(dev.arbiter.client.v1.ListTaskResultsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTaskResultsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTaskResultsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every item result, streamed in item order.
     * </pre>
     */
    default void streamTaskResults(dev.arbiter.client.v1.StreamTaskResultsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.StreamTaskResultsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStreamTaskResultsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every state change and progress update of a task, in order, until it ends.
     * </pre>
     */
    default void watchTask(dev.arbiter.client.v1.WatchTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.WatchTaskResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchTaskMethod(), responseObserver);
    }

    /**
     * <pre>
     * Stops the items that have not run yet.
     * </pre>
     */
    default void cancelTask(dev.arbiter.client.v1.CancelTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CancelTaskResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCancelTaskMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service TaskService.
   * <pre>
   * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
   * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
   * </pre>
   */
  public static abstract class TaskServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return TaskServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service TaskService.
   * <pre>
   * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
   * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
   * </pre>
   */
  public static final class TaskServiceStub
      extends io.grpc.stub.AbstractAsyncStub<TaskServiceStub> {
    private TaskServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaskServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaskServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Records a task and its items; the same idempotency key returns the same task.
     * </pre>
     */
    public void submitTask(dev.arbiter.client.v1.SubmitTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SubmitTaskResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitTaskMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getTask(dev.arbiter.client.v1.GetTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetTaskResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTaskMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listTasks(dev.arbiter.client.v1.ListTasksRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTasksResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTasksMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Item results, one page at a time, in item order.
     * </pre>
     */
    public void listTaskResults(dev.arbiter.client.v1.ListTaskResultsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTaskResultsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTaskResultsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every item result, streamed in item order.
     * </pre>
     */
    public void streamTaskResults(dev.arbiter.client.v1.StreamTaskResultsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.StreamTaskResultsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStreamTaskResultsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every state change and progress update of a task, in order, until it ends.
     * </pre>
     */
    public void watchTask(dev.arbiter.client.v1.WatchTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.WatchTaskResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchTaskMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Stops the items that have not run yet.
     * </pre>
     */
    public void cancelTask(dev.arbiter.client.v1.CancelTaskRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CancelTaskResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCancelTaskMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service TaskService.
   * <pre>
   * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
   * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
   * </pre>
   */
  public static final class TaskServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<TaskServiceBlockingV2Stub> {
    private TaskServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaskServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaskServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Records a task and its items; the same idempotency key returns the same task.
     * </pre>
     */
    public dev.arbiter.client.v1.SubmitTaskResponse submitTask(dev.arbiter.client.v1.SubmitTaskRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitTaskMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetTaskResponse getTask(dev.arbiter.client.v1.GetTaskRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTaskMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListTasksResponse listTasks(dev.arbiter.client.v1.ListTasksRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTasksMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Item results, one page at a time, in item order.
     * </pre>
     */
    public dev.arbiter.client.v1.ListTaskResultsResponse listTaskResults(dev.arbiter.client.v1.ListTaskResultsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTaskResultsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every item result, streamed in item order.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.arbiter.client.v1.StreamTaskResultsResponse>
        streamTaskResults(dev.arbiter.client.v1.StreamTaskResultsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStreamTaskResultsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every state change and progress update of a task, in order, until it ends.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.arbiter.client.v1.WatchTaskResponse>
        watchTask(dev.arbiter.client.v1.WatchTaskRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchTaskMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stops the items that have not run yet.
     * </pre>
     */
    public dev.arbiter.client.v1.CancelTaskResponse cancelTask(dev.arbiter.client.v1.CancelTaskRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCancelTaskMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service TaskService.
   * <pre>
   * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
   * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
   * </pre>
   */
  public static final class TaskServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<TaskServiceBlockingStub> {
    private TaskServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaskServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaskServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Records a task and its items; the same idempotency key returns the same task.
     * </pre>
     */
    public dev.arbiter.client.v1.SubmitTaskResponse submitTask(dev.arbiter.client.v1.SubmitTaskRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitTaskMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetTaskResponse getTask(dev.arbiter.client.v1.GetTaskRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTaskMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListTasksResponse listTasks(dev.arbiter.client.v1.ListTasksRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTasksMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Item results, one page at a time, in item order.
     * </pre>
     */
    public dev.arbiter.client.v1.ListTaskResultsResponse listTaskResults(dev.arbiter.client.v1.ListTaskResultsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTaskResultsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every item result, streamed in item order.
     * </pre>
     */
    public java.util.Iterator<dev.arbiter.client.v1.StreamTaskResultsResponse> streamTaskResults(
        dev.arbiter.client.v1.StreamTaskResultsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStreamTaskResultsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every state change and progress update of a task, in order, until it ends.
     * </pre>
     */
    public java.util.Iterator<dev.arbiter.client.v1.WatchTaskResponse> watchTask(
        dev.arbiter.client.v1.WatchTaskRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchTaskMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stops the items that have not run yet.
     * </pre>
     */
    public dev.arbiter.client.v1.CancelTaskResponse cancelTask(dev.arbiter.client.v1.CancelTaskRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCancelTaskMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service TaskService.
   * <pre>
   * Durable asynchronous work: a batch inference over many rows, or a pipeline over many inputs.
   * A submitted task is recorded in PostgreSQL before it is acknowledged and survives crashes.
   * </pre>
   */
  public static final class TaskServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<TaskServiceFutureStub> {
    private TaskServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TaskServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TaskServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Records a task and its items; the same idempotency key returns the same task.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SubmitTaskResponse> submitTask(
        dev.arbiter.client.v1.SubmitTaskRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitTaskMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetTaskResponse> getTask(
        dev.arbiter.client.v1.GetTaskRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTaskMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListTasksResponse> listTasks(
        dev.arbiter.client.v1.ListTasksRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTasksMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Item results, one page at a time, in item order.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListTaskResultsResponse> listTaskResults(
        dev.arbiter.client.v1.ListTaskResultsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTaskResultsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Stops the items that have not run yet.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CancelTaskResponse> cancelTask(
        dev.arbiter.client.v1.CancelTaskRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCancelTaskMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SUBMIT_TASK = 0;
  private static final int METHODID_GET_TASK = 1;
  private static final int METHODID_LIST_TASKS = 2;
  private static final int METHODID_LIST_TASK_RESULTS = 3;
  private static final int METHODID_STREAM_TASK_RESULTS = 4;
  private static final int METHODID_WATCH_TASK = 5;
  private static final int METHODID_CANCEL_TASK = 6;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_SUBMIT_TASK:
          serviceImpl.submitTask((dev.arbiter.client.v1.SubmitTaskRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SubmitTaskResponse>) responseObserver);
          break;
        case METHODID_GET_TASK:
          serviceImpl.getTask((dev.arbiter.client.v1.GetTaskRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetTaskResponse>) responseObserver);
          break;
        case METHODID_LIST_TASKS:
          serviceImpl.listTasks((dev.arbiter.client.v1.ListTasksRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTasksResponse>) responseObserver);
          break;
        case METHODID_LIST_TASK_RESULTS:
          serviceImpl.listTaskResults((dev.arbiter.client.v1.ListTaskResultsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTaskResultsResponse>) responseObserver);
          break;
        case METHODID_STREAM_TASK_RESULTS:
          serviceImpl.streamTaskResults((dev.arbiter.client.v1.StreamTaskResultsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.StreamTaskResultsResponse>) responseObserver);
          break;
        case METHODID_WATCH_TASK:
          serviceImpl.watchTask((dev.arbiter.client.v1.WatchTaskRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.WatchTaskResponse>) responseObserver);
          break;
        case METHODID_CANCEL_TASK:
          serviceImpl.cancelTask((dev.arbiter.client.v1.CancelTaskRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CancelTaskResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getSubmitTaskMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SubmitTaskRequest,
              dev.arbiter.client.v1.SubmitTaskResponse>(
                service, METHODID_SUBMIT_TASK)))
        .addMethod(
          getGetTaskMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetTaskRequest,
              dev.arbiter.client.v1.GetTaskResponse>(
                service, METHODID_GET_TASK)))
        .addMethod(
          getListTasksMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListTasksRequest,
              dev.arbiter.client.v1.ListTasksResponse>(
                service, METHODID_LIST_TASKS)))
        .addMethod(
          getListTaskResultsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListTaskResultsRequest,
              dev.arbiter.client.v1.ListTaskResultsResponse>(
                service, METHODID_LIST_TASK_RESULTS)))
        .addMethod(
          getStreamTaskResultsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.arbiter.client.v1.StreamTaskResultsRequest,
              dev.arbiter.client.v1.StreamTaskResultsResponse>(
                service, METHODID_STREAM_TASK_RESULTS)))
        .addMethod(
          getWatchTaskMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.arbiter.client.v1.WatchTaskRequest,
              dev.arbiter.client.v1.WatchTaskResponse>(
                service, METHODID_WATCH_TASK)))
        .addMethod(
          getCancelTaskMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CancelTaskRequest,
              dev.arbiter.client.v1.CancelTaskResponse>(
                service, METHODID_CANCEL_TASK)))
        .build();
  }

  private static abstract class TaskServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    TaskServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Tasks.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("TaskService");
    }
  }

  private static final class TaskServiceFileDescriptorSupplier
      extends TaskServiceBaseDescriptorSupplier {
    TaskServiceFileDescriptorSupplier() {}
  }

  private static final class TaskServiceMethodDescriptorSupplier
      extends TaskServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    TaskServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (TaskServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new TaskServiceFileDescriptorSupplier())
              .addMethod(getSubmitTaskMethod())
              .addMethod(getGetTaskMethod())
              .addMethod(getListTasksMethod())
              .addMethod(getListTaskResultsMethod())
              .addMethod(getStreamTaskResultsMethod())
              .addMethod(getWatchTaskMethod())
              .addMethod(getCancelTaskMethod())
              .build();
        }
      }
    }
    return result;
  }
}
