package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Inference on registered models with typed, named tensors. (Clients of the Open Inference
 * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class InferenceServiceGrpc {

  private InferenceServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.InferenceService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.InferRequest,
      dev.arbiter.client.v1.InferResponse> getInferMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Infer",
      requestType = dev.arbiter.client.v1.InferRequest.class,
      responseType = dev.arbiter.client.v1.InferResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.InferRequest,
      dev.arbiter.client.v1.InferResponse> getInferMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.InferRequest, dev.arbiter.client.v1.InferResponse> getInferMethod;
    if ((getInferMethod = InferenceServiceGrpc.getInferMethod) == null) {
      synchronized (InferenceServiceGrpc.class) {
        if ((getInferMethod = InferenceServiceGrpc.getInferMethod) == null) {
          InferenceServiceGrpc.getInferMethod = getInferMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.InferRequest, dev.arbiter.client.v1.InferResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Infer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.InferRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.InferResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InferenceServiceMethodDescriptorSupplier("Infer"))
              .build();
        }
      }
    }
    return getInferMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.InferStreamRequest,
      dev.arbiter.client.v1.InferStreamResponse> getInferStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "InferStream",
      requestType = dev.arbiter.client.v1.InferStreamRequest.class,
      responseType = dev.arbiter.client.v1.InferStreamResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.InferStreamRequest,
      dev.arbiter.client.v1.InferStreamResponse> getInferStreamMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.InferStreamRequest, dev.arbiter.client.v1.InferStreamResponse> getInferStreamMethod;
    if ((getInferStreamMethod = InferenceServiceGrpc.getInferStreamMethod) == null) {
      synchronized (InferenceServiceGrpc.class) {
        if ((getInferStreamMethod = InferenceServiceGrpc.getInferStreamMethod) == null) {
          InferenceServiceGrpc.getInferStreamMethod = getInferStreamMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.InferStreamRequest, dev.arbiter.client.v1.InferStreamResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "InferStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.InferStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.InferStreamResponse.getDefaultInstance()))
              .setSchemaDescriptor(new InferenceServiceMethodDescriptorSupplier("InferStream"))
              .build();
        }
      }
    }
    return getInferStreamMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static InferenceServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InferenceServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InferenceServiceStub>() {
        @java.lang.Override
        public InferenceServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InferenceServiceStub(channel, callOptions);
        }
      };
    return InferenceServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static InferenceServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InferenceServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InferenceServiceBlockingV2Stub>() {
        @java.lang.Override
        public InferenceServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InferenceServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return InferenceServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static InferenceServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InferenceServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InferenceServiceBlockingStub>() {
        @java.lang.Override
        public InferenceServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InferenceServiceBlockingStub(channel, callOptions);
        }
      };
    return InferenceServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static InferenceServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<InferenceServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<InferenceServiceFutureStub>() {
        @java.lang.Override
        public InferenceServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new InferenceServiceFutureStub(channel, callOptions);
        }
      };
    return InferenceServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Inference on registered models with typed, named tensors. (Clients of the Open Inference
   * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * One inference. The deadline of the call bounds queueing and compute.
     * </pre>
     */
    default void infer(dev.arbiter.client.v1.InferRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInferMethod(), responseObserver);
    }

    /**
     * <pre>
     * Many inferences over one stream; responses carry the request id and may come out of order.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferStreamRequest> inferStream(
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferStreamResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getInferStreamMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service InferenceService.
   * <pre>
   * Inference on registered models with typed, named tensors. (Clients of the Open Inference
   * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
   * </pre>
   */
  public static abstract class InferenceServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return InferenceServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service InferenceService.
   * <pre>
   * Inference on registered models with typed, named tensors. (Clients of the Open Inference
   * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
   * </pre>
   */
  public static final class InferenceServiceStub
      extends io.grpc.stub.AbstractAsyncStub<InferenceServiceStub> {
    private InferenceServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InferenceServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InferenceServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * One inference. The deadline of the call bounds queueing and compute.
     * </pre>
     */
    public void infer(dev.arbiter.client.v1.InferRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInferMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Many inferences over one stream; responses carry the request id and may come out of order.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferStreamRequest> inferStream(
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferStreamResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getInferStreamMethod(), getCallOptions()), responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service InferenceService.
   * <pre>
   * Inference on registered models with typed, named tensors. (Clients of the Open Inference
   * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
   * </pre>
   */
  public static final class InferenceServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<InferenceServiceBlockingV2Stub> {
    private InferenceServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InferenceServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InferenceServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * One inference. The deadline of the call bounds queueing and compute.
     * </pre>
     */
    public dev.arbiter.client.v1.InferResponse infer(dev.arbiter.client.v1.InferRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getInferMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Many inferences over one stream; responses carry the request id and may come out of order.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.arbiter.client.v1.InferStreamRequest, dev.arbiter.client.v1.InferStreamResponse>
        inferStream() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getInferStreamMethod(), getCallOptions());
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service InferenceService.
   * <pre>
   * Inference on registered models with typed, named tensors. (Clients of the Open Inference
   * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
   * </pre>
   */
  public static final class InferenceServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<InferenceServiceBlockingStub> {
    private InferenceServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InferenceServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InferenceServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * One inference. The deadline of the call bounds queueing and compute.
     * </pre>
     */
    public dev.arbiter.client.v1.InferResponse infer(dev.arbiter.client.v1.InferRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInferMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service InferenceService.
   * <pre>
   * Inference on registered models with typed, named tensors. (Clients of the Open Inference
   * Protocol use inference.GRPCInferenceService instead; both reach the same batch queues.)
   * </pre>
   */
  public static final class InferenceServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<InferenceServiceFutureStub> {
    private InferenceServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected InferenceServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new InferenceServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * One inference. The deadline of the call bounds queueing and compute.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.InferResponse> infer(
        dev.arbiter.client.v1.InferRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInferMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_INFER = 0;
  private static final int METHODID_INFER_STREAM = 1;

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
        case METHODID_INFER:
          serviceImpl.infer((dev.arbiter.client.v1.InferRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferResponse>) responseObserver);
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
        case METHODID_INFER_STREAM:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.inferStream(
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.InferStreamResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getInferMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.InferRequest,
              dev.arbiter.client.v1.InferResponse>(
                service, METHODID_INFER)))
        .addMethod(
          getInferStreamMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.arbiter.client.v1.InferStreamRequest,
              dev.arbiter.client.v1.InferStreamResponse>(
                service, METHODID_INFER_STREAM)))
        .build();
  }

  private static abstract class InferenceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    InferenceServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Inference.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("InferenceService");
    }
  }

  private static final class InferenceServiceFileDescriptorSupplier
      extends InferenceServiceBaseDescriptorSupplier {
    InferenceServiceFileDescriptorSupplier() {}
  }

  private static final class InferenceServiceMethodDescriptorSupplier
      extends InferenceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    InferenceServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (InferenceServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new InferenceServiceFileDescriptorSupplier())
              .addMethod(getInferMethod())
              .addMethod(getInferStreamMethod())
              .build();
        }
      }
    }
    return result;
  }
}
