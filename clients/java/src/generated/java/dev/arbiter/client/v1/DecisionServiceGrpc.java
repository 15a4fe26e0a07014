package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Runs pipelines to decisions, and audits and replays them.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DecisionServiceGrpc {

  private DecisionServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.DecisionService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DecideRequest,
      dev.arbiter.client.v1.DecideResponse> getDecideMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Decide",
      requestType = dev.arbiter.client.v1.DecideRequest.class,
      responseType = dev.arbiter.client.v1.DecideResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DecideRequest,
      dev.arbiter.client.v1.DecideResponse> getDecideMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DecideRequest, dev.arbiter.client.v1.DecideResponse> getDecideMethod;
    if ((getDecideMethod = DecisionServiceGrpc.getDecideMethod) == null) {
      synchronized (DecisionServiceGrpc.class) {
        if ((getDecideMethod = DecisionServiceGrpc.getDecideMethod) == null) {
          DecisionServiceGrpc.getDecideMethod = getDecideMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DecideRequest, dev.arbiter.client.v1.DecideResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Decide"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DecideRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DecideResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DecisionServiceMethodDescriptorSupplier("Decide"))
              .build();
        }
      }
    }
    return getDecideMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DecideStreamRequest,
      dev.arbiter.client.v1.DecideStreamResponse> getDecideStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DecideStream",
      requestType = dev.arbiter.client.v1.DecideStreamRequest.class,
      responseType = dev.arbiter.client.v1.DecideStreamResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DecideStreamRequest,
      dev.arbiter.client.v1.DecideStreamResponse> getDecideStreamMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DecideStreamRequest, dev.arbiter.client.v1.DecideStreamResponse> getDecideStreamMethod;
    if ((getDecideStreamMethod = DecisionServiceGrpc.getDecideStreamMethod) == null) {
      synchronized (DecisionServiceGrpc.class) {
        if ((getDecideStreamMethod = DecisionServiceGrpc.getDecideStreamMethod) == null) {
          DecisionServiceGrpc.getDecideStreamMethod = getDecideStreamMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DecideStreamRequest, dev.arbiter.client.v1.DecideStreamResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DecideStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DecideStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DecideStreamResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DecisionServiceMethodDescriptorSupplier("DecideStream"))
              .build();
        }
      }
    }
    return getDecideStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetDecisionRequest,
      dev.arbiter.client.v1.GetDecisionResponse> getGetDecisionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetDecision",
      requestType = dev.arbiter.client.v1.GetDecisionRequest.class,
      responseType = dev.arbiter.client.v1.GetDecisionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetDecisionRequest,
      dev.arbiter.client.v1.GetDecisionResponse> getGetDecisionMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetDecisionRequest, dev.arbiter.client.v1.GetDecisionResponse> getGetDecisionMethod;
    if ((getGetDecisionMethod = DecisionServiceGrpc.getGetDecisionMethod) == null) {
      synchronized (DecisionServiceGrpc.class) {
        if ((getGetDecisionMethod = DecisionServiceGrpc.getGetDecisionMethod) == null) {
          DecisionServiceGrpc.getGetDecisionMethod = getGetDecisionMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetDecisionRequest, dev.arbiter.client.v1.GetDecisionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetDecision"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetDecisionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetDecisionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DecisionServiceMethodDescriptorSupplier("GetDecision"))
              .build();
        }
      }
    }
    return getGetDecisionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListDecisionsRequest,
      dev.arbiter.client.v1.ListDecisionsResponse> getListDecisionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListDecisions",
      requestType = dev.arbiter.client.v1.ListDecisionsRequest.class,
      responseType = dev.arbiter.client.v1.ListDecisionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListDecisionsRequest,
      dev.arbiter.client.v1.ListDecisionsResponse> getListDecisionsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListDecisionsRequest, dev.arbiter.client.v1.ListDecisionsResponse> getListDecisionsMethod;
    if ((getListDecisionsMethod = DecisionServiceGrpc.getListDecisionsMethod) == null) {
      synchronized (DecisionServiceGrpc.class) {
        if ((getListDecisionsMethod = DecisionServiceGrpc.getListDecisionsMethod) == null) {
          DecisionServiceGrpc.getListDecisionsMethod = getListDecisionsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListDecisionsRequest, dev.arbiter.client.v1.ListDecisionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListDecisions"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListDecisionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListDecisionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DecisionServiceMethodDescriptorSupplier("ListDecisions"))
              .build();
        }
      }
    }
    return getListDecisionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ReplayRequest,
      dev.arbiter.client.v1.ReplayResponse> getReplayMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Replay",
      requestType = dev.arbiter.client.v1.ReplayRequest.class,
      responseType = dev.arbiter.client.v1.ReplayResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ReplayRequest,
      dev.arbiter.client.v1.ReplayResponse> getReplayMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ReplayRequest, dev.arbiter.client.v1.ReplayResponse> getReplayMethod;
    if ((getReplayMethod = DecisionServiceGrpc.getReplayMethod) == null) {
      synchronized (DecisionServiceGrpc.class) {
        if ((getReplayMethod = DecisionServiceGrpc.getReplayMethod) == null) {
          DecisionServiceGrpc.getReplayMethod = getReplayMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ReplayRequest, dev.arbiter.client.v1.ReplayResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Replay"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ReplayRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ReplayResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DecisionServiceMethodDescriptorSupplier("Replay"))
              .build();
        }
      }
    }
    return getReplayMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DecisionServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DecisionServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DecisionServiceStub>() {
        @java.lang.Override
        public DecisionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DecisionServiceStub(channel, callOptions);
        }
      };
    return DecisionServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DecisionServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DecisionServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DecisionServiceBlockingV2Stub>() {
        @java.lang.Override
        public DecisionServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DecisionServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return DecisionServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DecisionServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DecisionServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DecisionServiceBlockingStub>() {
        @java.lang.Override
        public DecisionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DecisionServiceBlockingStub(channel, callOptions);
        }
      };
    return DecisionServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DecisionServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DecisionServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DecisionServiceFutureStub>() {
        @java.lang.Override
        public DecisionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DecisionServiceFutureStub(channel, callOptions);
        }
      };
    return DecisionServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Runs pipelines to decisions, and audits and replays them.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * One decision.
     * </pre>
     */
    default void decide(dev.arbiter.client.v1.DecideRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDecideMethod(), responseObserver);
    }

    /**
     * <pre>
     * One decision per incoming event, for real-time feeds; responses carry the event id.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideStreamRequest> decideStream(
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideStreamResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getDecideStreamMethod(), responseObserver);
    }

    /**
     * <pre>
     * A recorded decision.
     * </pre>
     */
    default void getDecision(dev.arbiter.client.v1.GetDecisionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetDecisionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetDecisionMethod(), responseObserver);
    }

    /**
     */
    default void listDecisions(dev.arbiter.client.v1.ListDecisionsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListDecisionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListDecisionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Re-runs recorded decisions against another pipeline version and counts what changed.
     * </pre>
     */
    default void replay(dev.arbiter.client.v1.ReplayRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ReplayResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReplayMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DecisionService.
   * <pre>
   * Runs pipelines to decisions, and audits and replays them.
   * </pre>
   */
  public static abstract class DecisionServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DecisionServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DecisionService.
   * <pre>
   * Runs pipelines to decisions, and audits and replays them.
   * </pre>
   */
  public static final class DecisionServiceStub
      extends io.grpc.stub.AbstractAsyncStub<DecisionServiceStub> {
    private DecisionServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DecisionServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DecisionServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * One decision.
     * </pre>
     */
    public void decide(dev.arbiter.client.v1.DecideRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDecideMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One decision per incoming event, for real-time feeds; responses carry the event id.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideStreamRequest> decideStream(
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideStreamResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getDecideStreamMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * A recorded decision.
     * </pre>
     */
    public void getDecision(dev.arbiter.client.v1.GetDecisionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetDecisionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetDecisionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listDecisions(dev.arbiter.client.v1.ListDecisionsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListDecisionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListDecisionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Re-runs recorded decisions against another pipeline version and counts what changed.
     * </pre>
     */
    public void replay(dev.arbiter.client.v1.ReplayRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ReplayResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReplayMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DecisionService.
   * <pre>
   * Runs pipelines to decisions, and audits and replays them.
   * </pre>
   */
  public static final class DecisionServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DecisionServiceBlockingV2Stub> {
    private DecisionServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DecisionServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DecisionServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * One decision.
     * </pre>
     */
    public dev.arbiter.client.v1.DecideResponse decide(dev.arbiter.client.v1.DecideRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDecideMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One decision per incoming event, for real-time feeds; responses carry the event id.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.arbiter.client.v1.DecideStreamRequest, dev.arbiter.client.v1.DecideStreamResponse>
        decideStream() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getDecideStreamMethod(), getCallOptions());
    }

    /**
     * <pre>
     * A recorded decision.
     * </pre>
     */
    public dev.arbiter.client.v1.GetDecisionResponse getDecision(dev.arbiter.client.v1.GetDecisionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetDecisionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListDecisionsResponse listDecisions(dev.arbiter.client.v1.ListDecisionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListDecisionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Re-runs recorded decisions against another pipeline version and counts what changed.
     * </pre>
     */
    public dev.arbiter.client.v1.ReplayResponse replay(dev.arbiter.client.v1.ReplayRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReplayMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DecisionService.
   * <pre>
   * Runs pipelines to decisions, and audits and replays them.
   * </pre>
   */
  public static final class DecisionServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DecisionServiceBlockingStub> {
    private DecisionServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DecisionServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DecisionServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * One decision.
     * </pre>
     */
    public dev.arbiter.client.v1.DecideResponse decide(dev.arbiter.client.v1.DecideRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDecideMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A recorded decision.
     * </pre>
     */
    public dev.arbiter.client.v1.GetDecisionResponse getDecision(dev.arbiter.client.v1.GetDecisionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetDecisionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListDecisionsResponse listDecisions(dev.arbiter.client.v1.ListDecisionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListDecisionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Re-runs recorded decisions against another pipeline version and counts what changed.
     * </pre>
     */
    public dev.arbiter.client.v1.ReplayResponse replay(dev.arbiter.client.v1.ReplayRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReplayMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DecisionService.
   * <pre>
   * Runs pipelines to decisions, and audits and replays them.
   * </pre>
   */
  public static final class DecisionServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<DecisionServiceFutureStub> {
    private DecisionServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DecisionServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DecisionServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * One decision.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DecideResponse> decide(
        dev.arbiter.client.v1.DecideRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDecideMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A recorded decision.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetDecisionResponse> getDecision(
        dev.arbiter.client.v1.GetDecisionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetDecisionMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListDecisionsResponse> listDecisions(
        dev.arbiter.client.v1.ListDecisionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListDecisionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Re-runs recorded decisions against another pipeline version and counts what changed.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ReplayResponse> replay(
        dev.arbiter.client.v1.ReplayRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReplayMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_DECIDE = 0;
  private static final int METHODID_GET_DECISION = 1;
  private static final int METHODID_LIST_DECISIONS = 2;
  private static final int METHODID_REPLAY = 3;
  private static final int METHODID_DECIDE_STREAM = 4;

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
        case METHODID_DECIDE:
          serviceImpl.decide((dev.arbiter.client.v1.DecideRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideResponse>) responseObserver);
          break;
        case METHODID_GET_DECISION:
          serviceImpl.getDecision((dev.arbiter.client.v1.GetDecisionRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetDecisionResponse>) responseObserver);
          break;
        case METHODID_LIST_DECISIONS:
          serviceImpl.listDecisions((dev.arbiter.client.v1.ListDecisionsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListDecisionsResponse>) responseObserver);
          break;
        case METHODID_REPLAY:
          serviceImpl.replay((dev.arbiter.client.v1.ReplayRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ReplayResponse>) responseObserver);
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
        case METHODID_DECIDE_STREAM:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.decideStream(
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DecideStreamResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getDecideMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DecideRequest,
              dev.arbiter.client.v1.DecideResponse>(
                service, METHODID_DECIDE)))
        .addMethod(
          getDecideStreamMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DecideStreamRequest,
              dev.arbiter.client.v1.DecideStreamResponse>(
                service, METHODID_DECIDE_STREAM)))
        .addMethod(
          getGetDecisionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetDecisionRequest,
              dev.arbiter.client.v1.GetDecisionResponse>(
                service, METHODID_GET_DECISION)))
        .addMethod(
          getListDecisionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListDecisionsRequest,
              dev.arbiter.client.v1.ListDecisionsResponse>(
                service, METHODID_LIST_DECISIONS)))
        .addMethod(
          getReplayMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ReplayRequest,
              dev.arbiter.client.v1.ReplayResponse>(
                service, METHODID_REPLAY)))
        .build();
  }

  private static abstract class DecisionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    DecisionServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Decisions.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("DecisionService");
    }
  }

  private static final class DecisionServiceFileDescriptorSupplier
      extends DecisionServiceBaseDescriptorSupplier {
    DecisionServiceFileDescriptorSupplier() {}
  }

  private static final class DecisionServiceMethodDescriptorSupplier
      extends DecisionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    DecisionServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (DecisionServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new DecisionServiceFileDescriptorSupplier())
              .addMethod(getDecideMethod())
              .addMethod(getDecideStreamMethod())
              .addMethod(getGetDecisionMethod())
              .addMethod(getListDecisionsMethod())
              .addMethod(getReplayMethod())
              .build();
        }
      }
    }
    return result;
  }
}
