package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ClusterServiceGrpc {

  private ClusterServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.ClusterService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListNodesRequest,
      dev.arbiter.client.v1.ListNodesResponse> getListNodesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListNodes",
      requestType = dev.arbiter.client.v1.ListNodesRequest.class,
      responseType = dev.arbiter.client.v1.ListNodesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListNodesRequest,
      dev.arbiter.client.v1.ListNodesResponse> getListNodesMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListNodesRequest, dev.arbiter.client.v1.ListNodesResponse> getListNodesMethod;
    if ((getListNodesMethod = ClusterServiceGrpc.getListNodesMethod) == null) {
      synchronized (ClusterServiceGrpc.class) {
        if ((getListNodesMethod = ClusterServiceGrpc.getListNodesMethod) == null) {
          ClusterServiceGrpc.getListNodesMethod = getListNodesMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListNodesRequest, dev.arbiter.client.v1.ListNodesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListNodes"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListNodesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListNodesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClusterServiceMethodDescriptorSupplier("ListNodes"))
              .build();
        }
      }
    }
    return getListNodesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetNodeRequest,
      dev.arbiter.client.v1.GetNodeResponse> getGetNodeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetNode",
      requestType = dev.arbiter.client.v1.GetNodeRequest.class,
      responseType = dev.arbiter.client.v1.GetNodeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetNodeRequest,
      dev.arbiter.client.v1.GetNodeResponse> getGetNodeMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetNodeRequest, dev.arbiter.client.v1.GetNodeResponse> getGetNodeMethod;
    if ((getGetNodeMethod = ClusterServiceGrpc.getGetNodeMethod) == null) {
      synchronized (ClusterServiceGrpc.class) {
        if ((getGetNodeMethod = ClusterServiceGrpc.getGetNodeMethod) == null) {
          ClusterServiceGrpc.getGetNodeMethod = getGetNodeMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetNodeRequest, dev.arbiter.client.v1.GetNodeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetNode"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetNodeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetNodeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClusterServiceMethodDescriptorSupplier("GetNode"))
              .build();
        }
      }
    }
    return getGetNodeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetLogLevelRequest,
      dev.arbiter.client.v1.SetLogLevelResponse> getSetLogLevelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetLogLevel",
      requestType = dev.arbiter.client.v1.SetLogLevelRequest.class,
      responseType = dev.arbiter.client.v1.SetLogLevelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetLogLevelRequest,
      dev.arbiter.client.v1.SetLogLevelResponse> getSetLogLevelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetLogLevelRequest, dev.arbiter.client.v1.SetLogLevelResponse> getSetLogLevelMethod;
    if ((getSetLogLevelMethod = ClusterServiceGrpc.getSetLogLevelMethod) == null) {
      synchronized (ClusterServiceGrpc.class) {
        if ((getSetLogLevelMethod = ClusterServiceGrpc.getSetLogLevelMethod) == null) {
          ClusterServiceGrpc.getSetLogLevelMethod = getSetLogLevelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SetLogLevelRequest, dev.arbiter.client.v1.SetLogLevelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetLogLevel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetLogLevelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetLogLevelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClusterServiceMethodDescriptorSupplier("SetLogLevel"))
              .build();
        }
      }
    }
    return getSetLogLevelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetLogLevelRequest,
      dev.arbiter.client.v1.GetLogLevelResponse> getGetLogLevelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetLogLevel",
      requestType = dev.arbiter.client.v1.GetLogLevelRequest.class,
      responseType = dev.arbiter.client.v1.GetLogLevelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetLogLevelRequest,
      dev.arbiter.client.v1.GetLogLevelResponse> getGetLogLevelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetLogLevelRequest, dev.arbiter.client.v1.GetLogLevelResponse> getGetLogLevelMethod;
    if ((getGetLogLevelMethod = ClusterServiceGrpc.getGetLogLevelMethod) == null) {
      synchronized (ClusterServiceGrpc.class) {
        if ((getGetLogLevelMethod = ClusterServiceGrpc.getGetLogLevelMethod) == null) {
          ClusterServiceGrpc.getGetLogLevelMethod = getGetLogLevelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetLogLevelRequest, dev.arbiter.client.v1.GetLogLevelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetLogLevel"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetLogLevelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetLogLevelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClusterServiceMethodDescriptorSupplier("GetLogLevel"))
              .build();
        }
      }
    }
    return getGetLogLevelMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ClusterServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClusterServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClusterServiceStub>() {
        @java.lang.Override
        public ClusterServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClusterServiceStub(channel, callOptions);
        }
      };
    return ClusterServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ClusterServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClusterServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClusterServiceBlockingV2Stub>() {
        @java.lang.Override
        public ClusterServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClusterServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ClusterServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ClusterServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClusterServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClusterServiceBlockingStub>() {
        @java.lang.Override
        public ClusterServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClusterServiceBlockingStub(channel, callOptions);
        }
      };
    return ClusterServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ClusterServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClusterServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClusterServiceFutureStub>() {
        @java.lang.Override
        public ClusterServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClusterServiceFutureStub(channel, callOptions);
        }
      };
    return ClusterServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Nodes that have sent a heartbeat recently.
     * </pre>
     */
    default void listNodes(dev.arbiter.client.v1.ListNodesRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListNodesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListNodesMethod(), responseObserver);
    }

    /**
     */
    default void getNode(dev.arbiter.client.v1.GetNodeRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetNodeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetNodeMethod(), responseObserver);
    }

    /**
     * <pre>
     * Changes the log level of every process of the mesh (or of one component) at runtime: the
     * gateway applies it and broadcasts it to every scheduler.
     * </pre>
     */
    default void setLogLevel(dev.arbiter.client.v1.SetLogLevelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetLogLevelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetLogLevelMethod(), responseObserver);
    }

    /**
     * <pre>
     * The log levels of every process of the mesh.
     * </pre>
     */
    default void getLogLevel(dev.arbiter.client.v1.GetLogLevelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetLogLevelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetLogLevelMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ClusterService.
   * <pre>
   * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
   * </pre>
   */
  public static abstract class ClusterServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ClusterServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ClusterService.
   * <pre>
   * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
   * </pre>
   */
  public static final class ClusterServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ClusterServiceStub> {
    private ClusterServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClusterServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClusterServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Nodes that have sent a heartbeat recently.
     * </pre>
     */
    public void listNodes(dev.arbiter.client.v1.ListNodesRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListNodesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListNodesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getNode(dev.arbiter.client.v1.GetNodeRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetNodeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetNodeMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Changes the log level of every process of the mesh (or of one component) at runtime: the
     * gateway applies it and broadcasts it to every scheduler.
     * </pre>
     */
    public void setLogLevel(dev.arbiter.client.v1.SetLogLevelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetLogLevelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetLogLevelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The log levels of every process of the mesh.
     * </pre>
     */
    public void getLogLevel(dev.arbiter.client.v1.GetLogLevelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetLogLevelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetLogLevelMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ClusterService.
   * <pre>
   * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
   * </pre>
   */
  public static final class ClusterServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ClusterServiceBlockingV2Stub> {
    private ClusterServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClusterServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClusterServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Nodes that have sent a heartbeat recently.
     * </pre>
     */
    public dev.arbiter.client.v1.ListNodesResponse listNodes(dev.arbiter.client.v1.ListNodesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListNodesMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetNodeResponse getNode(dev.arbiter.client.v1.GetNodeRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetNodeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Changes the log level of every process of the mesh (or of one component) at runtime: the
     * gateway applies it and broadcasts it to every scheduler.
     * </pre>
     */
    public dev.arbiter.client.v1.SetLogLevelResponse setLogLevel(dev.arbiter.client.v1.SetLogLevelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetLogLevelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The log levels of every process of the mesh.
     * </pre>
     */
    public dev.arbiter.client.v1.GetLogLevelResponse getLogLevel(dev.arbiter.client.v1.GetLogLevelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetLogLevelMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ClusterService.
   * <pre>
   * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
   * </pre>
   */
  public static final class ClusterServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ClusterServiceBlockingStub> {
    private ClusterServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClusterServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClusterServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Nodes that have sent a heartbeat recently.
     * </pre>
     */
    public dev.arbiter.client.v1.ListNodesResponse listNodes(dev.arbiter.client.v1.ListNodesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListNodesMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetNodeResponse getNode(dev.arbiter.client.v1.GetNodeRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetNodeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Changes the log level of every process of the mesh (or of one component) at runtime: the
     * gateway applies it and broadcasts it to every scheduler.
     * </pre>
     */
    public dev.arbiter.client.v1.SetLogLevelResponse setLogLevel(dev.arbiter.client.v1.SetLogLevelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetLogLevelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The log levels of every process of the mesh.
     * </pre>
     */
    public dev.arbiter.client.v1.GetLogLevelResponse getLogLevel(dev.arbiter.client.v1.GetLogLevelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetLogLevelMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ClusterService.
   * <pre>
   * The live state of the mesh: scheduler nodes, what they hold, and runtime settings.
   * </pre>
   */
  public static final class ClusterServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ClusterServiceFutureStub> {
    private ClusterServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClusterServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClusterServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Nodes that have sent a heartbeat recently.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListNodesResponse> listNodes(
        dev.arbiter.client.v1.ListNodesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListNodesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetNodeResponse> getNode(
        dev.arbiter.client.v1.GetNodeRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetNodeMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Changes the log level of every process of the mesh (or of one component) at runtime: the
     * gateway applies it and broadcasts it to every scheduler.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SetLogLevelResponse> setLogLevel(
        dev.arbiter.client.v1.SetLogLevelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetLogLevelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The log levels of every process of the mesh.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetLogLevelResponse> getLogLevel(
        dev.arbiter.client.v1.GetLogLevelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetLogLevelMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_NODES = 0;
  private static final int METHODID_GET_NODE = 1;
  private static final int METHODID_SET_LOG_LEVEL = 2;
  private static final int METHODID_GET_LOG_LEVEL = 3;

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
        case METHODID_LIST_NODES:
          serviceImpl.listNodes((dev.arbiter.client.v1.ListNodesRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListNodesResponse>) responseObserver);
          break;
        case METHODID_GET_NODE:
          serviceImpl.getNode((dev.arbiter.client.v1.GetNodeRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetNodeResponse>) responseObserver);
          break;
        case METHODID_SET_LOG_LEVEL:
          serviceImpl.setLogLevel((dev.arbiter.client.v1.SetLogLevelRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetLogLevelResponse>) responseObserver);
          break;
        case METHODID_GET_LOG_LEVEL:
          serviceImpl.getLogLevel((dev.arbiter.client.v1.GetLogLevelRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetLogLevelResponse>) responseObserver);
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
          getListNodesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListNodesRequest,
              dev.arbiter.client.v1.ListNodesResponse>(
                service, METHODID_LIST_NODES)))
        .addMethod(
          getGetNodeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetNodeRequest,
              dev.arbiter.client.v1.GetNodeResponse>(
                service, METHODID_GET_NODE)))
        .addMethod(
          getSetLogLevelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SetLogLevelRequest,
              dev.arbiter.client.v1.SetLogLevelResponse>(
                service, METHODID_SET_LOG_LEVEL)))
        .addMethod(
          getGetLogLevelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetLogLevelRequest,
              dev.arbiter.client.v1.GetLogLevelResponse>(
                service, METHODID_GET_LOG_LEVEL)))
        .build();
  }

  private static abstract class ClusterServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ClusterServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Cluster.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ClusterService");
    }
  }

  private static final class ClusterServiceFileDescriptorSupplier
      extends ClusterServiceBaseDescriptorSupplier {
    ClusterServiceFileDescriptorSupplier() {}
  }

  private static final class ClusterServiceMethodDescriptorSupplier
      extends ClusterServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ClusterServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ClusterServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ClusterServiceFileDescriptorSupplier())
              .addMethod(getListNodesMethod())
              .addMethod(getGetNodeMethod())
              .addMethod(getSetLogLevelMethod())
              .addMethod(getGetLogLevelMethod())
              .build();
        }
      }
    }
    return result;
  }
}
