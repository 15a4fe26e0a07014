package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
 * each decision is published on an output subject, durably and deduplicated by message id.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class StreamServiceGrpc {

  private StreamServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.StreamService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateStreamBindingRequest,
      dev.arbiter.client.v1.CreateStreamBindingResponse> getCreateStreamBindingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateStreamBinding",
      requestType = dev.arbiter.client.v1.CreateStreamBindingRequest.class,
      responseType = dev.arbiter.client.v1.CreateStreamBindingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateStreamBindingRequest,
      dev.arbiter.client.v1.CreateStreamBindingResponse> getCreateStreamBindingMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateStreamBindingRequest, dev.arbiter.client.v1.CreateStreamBindingResponse> getCreateStreamBindingMethod;
    if ((getCreateStreamBindingMethod = StreamServiceGrpc.getCreateStreamBindingMethod) == null) {
      synchronized (StreamServiceGrpc.class) {
        if ((getCreateStreamBindingMethod = StreamServiceGrpc.getCreateStreamBindingMethod) == null) {
          StreamServiceGrpc.getCreateStreamBindingMethod = getCreateStreamBindingMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CreateStreamBindingRequest, dev.arbiter.client.v1.CreateStreamBindingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateStreamBinding"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateStreamBindingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateStreamBindingResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StreamServiceMethodDescriptorSupplier("CreateStreamBinding"))
              .build();
        }
      }
    }
    return getCreateStreamBindingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetStreamBindingRequest,
      dev.arbiter.client.v1.GetStreamBindingResponse> getGetStreamBindingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetStreamBinding",
      requestType = dev.arbiter.client.v1.GetStreamBindingRequest.class,
      responseType = dev.arbiter.client.v1.GetStreamBindingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetStreamBindingRequest,
      dev.arbiter.client.v1.GetStreamBindingResponse> getGetStreamBindingMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetStreamBindingRequest, dev.arbiter.client.v1.GetStreamBindingResponse> getGetStreamBindingMethod;
    if ((getGetStreamBindingMethod = StreamServiceGrpc.getGetStreamBindingMethod) == null) {
      synchronized (StreamServiceGrpc.class) {
        if ((getGetStreamBindingMethod = StreamServiceGrpc.getGetStreamBindingMethod) == null) {
          StreamServiceGrpc.getGetStreamBindingMethod = getGetStreamBindingMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetStreamBindingRequest, dev.arbiter.client.v1.GetStreamBindingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetStreamBinding"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetStreamBindingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetStreamBindingResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StreamServiceMethodDescriptorSupplier("GetStreamBinding"))
              .build();
        }
      }
    }
    return getGetStreamBindingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListStreamBindingsRequest,
      dev.arbiter.client.v1.ListStreamBindingsResponse> getListStreamBindingsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListStreamBindings",
      requestType = dev.arbiter.client.v1.ListStreamBindingsRequest.class,
      responseType = dev.arbiter.client.v1.ListStreamBindingsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListStreamBindingsRequest,
      dev.arbiter.client.v1.ListStreamBindingsResponse> getListStreamBindingsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListStreamBindingsRequest, dev.arbiter.client.v1.ListStreamBindingsResponse> getListStreamBindingsMethod;
    if ((getListStreamBindingsMethod = StreamServiceGrpc.getListStreamBindingsMethod) == null) {
      synchronized (StreamServiceGrpc.class) {
        if ((getListStreamBindingsMethod = StreamServiceGrpc.getListStreamBindingsMethod) == null) {
          StreamServiceGrpc.getListStreamBindingsMethod = getListStreamBindingsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListStreamBindingsRequest, dev.arbiter.client.v1.ListStreamBindingsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListStreamBindings"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListStreamBindingsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListStreamBindingsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StreamServiceMethodDescriptorSupplier("ListStreamBindings"))
              .build();
        }
      }
    }
    return getListStreamBindingsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteStreamBindingRequest,
      dev.arbiter.client.v1.DeleteStreamBindingResponse> getDeleteStreamBindingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteStreamBinding",
      requestType = dev.arbiter.client.v1.DeleteStreamBindingRequest.class,
      responseType = dev.arbiter.client.v1.DeleteStreamBindingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteStreamBindingRequest,
      dev.arbiter.client.v1.DeleteStreamBindingResponse> getDeleteStreamBindingMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteStreamBindingRequest, dev.arbiter.client.v1.DeleteStreamBindingResponse> getDeleteStreamBindingMethod;
    if ((getDeleteStreamBindingMethod = StreamServiceGrpc.getDeleteStreamBindingMethod) == null) {
      synchronized (StreamServiceGrpc.class) {
        if ((getDeleteStreamBindingMethod = StreamServiceGrpc.getDeleteStreamBindingMethod) == null) {
          StreamServiceGrpc.getDeleteStreamBindingMethod = getDeleteStreamBindingMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeleteStreamBindingRequest, dev.arbiter.client.v1.DeleteStreamBindingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteStreamBinding"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteStreamBindingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteStreamBindingResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StreamServiceMethodDescriptorSupplier("DeleteStreamBinding"))
              .build();
        }
      }
    }
    return getDeleteStreamBindingMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static StreamServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamServiceStub>() {
        @java.lang.Override
        public StreamServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamServiceStub(channel, callOptions);
        }
      };
    return StreamServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static StreamServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamServiceBlockingV2Stub>() {
        @java.lang.Override
        public StreamServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return StreamServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static StreamServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamServiceBlockingStub>() {
        @java.lang.Override
        public StreamServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamServiceBlockingStub(channel, callOptions);
        }
      };
    return StreamServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static StreamServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamServiceFutureStub>() {
        @java.lang.Override
        public StreamServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamServiceFutureStub(channel, callOptions);
        }
      };
    return StreamServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
   * each decision is published on an output subject, durably and deduplicated by message id.
   * </pre>
   */
  public interface AsyncService {

    /**
     */
    default void createStreamBinding(dev.arbiter.client.v1.CreateStreamBindingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateStreamBindingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateStreamBindingMethod(), responseObserver);
    }

    /**
     */
    default void getStreamBinding(dev.arbiter.client.v1.GetStreamBindingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetStreamBindingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetStreamBindingMethod(), responseObserver);
    }

    /**
     */
    default void listStreamBindings(dev.arbiter.client.v1.ListStreamBindingsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListStreamBindingsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListStreamBindingsMethod(), responseObserver);
    }

    /**
     */
    default void deleteStreamBinding(dev.arbiter.client.v1.DeleteStreamBindingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteStreamBindingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteStreamBindingMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service StreamService.
   * <pre>
   * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
   * each decision is published on an output subject, durably and deduplicated by message id.
   * </pre>
   */
  public static abstract class StreamServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return StreamServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service StreamService.
   * <pre>
   * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
   * each decision is published on an output subject, durably and deduplicated by message id.
   * </pre>
   */
  public static final class StreamServiceStub
      extends io.grpc.stub.AbstractAsyncStub<StreamServiceStub> {
    private StreamServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamServiceStub(channel, callOptions);
    }

    /**
     */
    public void createStreamBinding(dev.arbiter.client.v1.CreateStreamBindingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateStreamBindingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateStreamBindingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getStreamBinding(dev.arbiter.client.v1.GetStreamBindingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetStreamBindingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetStreamBindingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listStreamBindings(dev.arbiter.client.v1.ListStreamBindingsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListStreamBindingsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListStreamBindingsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void deleteStreamBinding(dev.arbiter.client.v1.DeleteStreamBindingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteStreamBindingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteStreamBindingMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service StreamService.
   * <pre>
   * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
   * each decision is published on an output subject, durably and deduplicated by message id.
   * </pre>
   */
  public static final class StreamServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<StreamServiceBlockingV2Stub> {
    private StreamServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public dev.arbiter.client.v1.CreateStreamBindingResponse createStreamBinding(dev.arbiter.client.v1.CreateStreamBindingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateStreamBindingMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetStreamBindingResponse getStreamBinding(dev.arbiter.client.v1.GetStreamBindingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetStreamBindingMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListStreamBindingsResponse listStreamBindings(dev.arbiter.client.v1.ListStreamBindingsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListStreamBindingsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeleteStreamBindingResponse deleteStreamBinding(dev.arbiter.client.v1.DeleteStreamBindingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteStreamBindingMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service StreamService.
   * <pre>
   * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
   * each decision is published on an output subject, durably and deduplicated by message id.
   * </pre>
   */
  public static final class StreamServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<StreamServiceBlockingStub> {
    private StreamServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public dev.arbiter.client.v1.CreateStreamBindingResponse createStreamBinding(dev.arbiter.client.v1.CreateStreamBindingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateStreamBindingMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetStreamBindingResponse getStreamBinding(dev.arbiter.client.v1.GetStreamBindingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStreamBindingMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListStreamBindingsResponse listStreamBindings(dev.arbiter.client.v1.ListStreamBindingsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListStreamBindingsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeleteStreamBindingResponse deleteStreamBinding(dev.arbiter.client.v1.DeleteStreamBindingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteStreamBindingMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service StreamService.
   * <pre>
   * Stream bindings: events published on arbiter.events.&lt;tenant&gt;.&lt;name&gt; run through a pipeline and
   * each decision is published on an output subject, durably and deduplicated by message id.
   * </pre>
   */
  public static final class StreamServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<StreamServiceFutureStub> {
    private StreamServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CreateStreamBindingResponse> createStreamBinding(
        dev.arbiter.client.v1.CreateStreamBindingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateStreamBindingMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetStreamBindingResponse> getStreamBinding(
        dev.arbiter.client.v1.GetStreamBindingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetStreamBindingMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListStreamBindingsResponse> listStreamBindings(
        dev.arbiter.client.v1.ListStreamBindingsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListStreamBindingsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeleteStreamBindingResponse> deleteStreamBinding(
        dev.arbiter.client.v1.DeleteStreamBindingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteStreamBindingMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_STREAM_BINDING = 0;
  private static final int METHODID_GET_STREAM_BINDING = 1;
  private static final int METHODID_LIST_STREAM_BINDINGS = 2;
  private static final int METHODID_DELETE_STREAM_BINDING = 3;

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
        case METHODID_CREATE_STREAM_BINDING:
          serviceImpl.createStreamBinding((dev.arbiter.client.v1.CreateStreamBindingRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateStreamBindingResponse>) responseObserver);
          break;
        case METHODID_GET_STREAM_BINDING:
          serviceImpl.getStreamBinding((dev.arbiter.client.v1.GetStreamBindingRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetStreamBindingResponse>) responseObserver);
          break;
        case METHODID_LIST_STREAM_BINDINGS:
          serviceImpl.listStreamBindings((dev.arbiter.client.v1.ListStreamBindingsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListStreamBindingsResponse>) responseObserver);
          break;
        case METHODID_DELETE_STREAM_BINDING:
          serviceImpl.deleteStreamBinding((dev.arbiter.client.v1.DeleteStreamBindingRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteStreamBindingResponse>) responseObserver);
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
          getCreateStreamBindingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CreateStreamBindingRequest,
              dev.arbiter.client.v1.CreateStreamBindingResponse>(
                service, METHODID_CREATE_STREAM_BINDING)))
        .addMethod(
          getGetStreamBindingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetStreamBindingRequest,
              dev.arbiter.client.v1.GetStreamBindingResponse>(
                service, METHODID_GET_STREAM_BINDING)))
        .addMethod(
          getListStreamBindingsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListStreamBindingsRequest,
              dev.arbiter.client.v1.ListStreamBindingsResponse>(
                service, METHODID_LIST_STREAM_BINDINGS)))
        .addMethod(
          getDeleteStreamBindingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeleteStreamBindingRequest,
              dev.arbiter.client.v1.DeleteStreamBindingResponse>(
                service, METHODID_DELETE_STREAM_BINDING)))
        .build();
  }

  private static abstract class StreamServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    StreamServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Streams.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("StreamService");
    }
  }

  private static final class StreamServiceFileDescriptorSupplier
      extends StreamServiceBaseDescriptorSupplier {
    StreamServiceFileDescriptorSupplier() {}
  }

  private static final class StreamServiceMethodDescriptorSupplier
      extends StreamServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    StreamServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (StreamServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new StreamServiceFileDescriptorSupplier())
              .addMethod(getCreateStreamBindingMethod())
              .addMethod(getGetStreamBindingMethod())
              .addMethod(getListStreamBindingsMethod())
              .addMethod(getDeleteStreamBindingMethod())
              .build();
        }
      }
    }
    return result;
  }
}
