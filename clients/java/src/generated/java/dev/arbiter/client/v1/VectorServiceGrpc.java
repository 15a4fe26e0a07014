package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class VectorServiceGrpc {

  private VectorServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.VectorService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateCollectionRequest,
      dev.arbiter.client.v1.CreateCollectionResponse> getCreateCollectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateCollection",
      requestType = dev.arbiter.client.v1.CreateCollectionRequest.class,
      responseType = dev.arbiter.client.v1.CreateCollectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateCollectionRequest,
      dev.arbiter.client.v1.CreateCollectionResponse> getCreateCollectionMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateCollectionRequest, dev.arbiter.client.v1.CreateCollectionResponse> getCreateCollectionMethod;
    if ((getCreateCollectionMethod = VectorServiceGrpc.getCreateCollectionMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getCreateCollectionMethod = VectorServiceGrpc.getCreateCollectionMethod) == null) {
          VectorServiceGrpc.getCreateCollectionMethod = getCreateCollectionMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CreateCollectionRequest, dev.arbiter.client.v1.CreateCollectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateCollection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateCollectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateCollectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("CreateCollection"))
              .build();
        }
      }
    }
    return getCreateCollectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetCollectionRequest,
      dev.arbiter.client.v1.GetCollectionResponse> getGetCollectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetCollection",
      requestType = dev.arbiter.client.v1.GetCollectionRequest.class,
      responseType = dev.arbiter.client.v1.GetCollectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetCollectionRequest,
      dev.arbiter.client.v1.GetCollectionResponse> getGetCollectionMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetCollectionRequest, dev.arbiter.client.v1.GetCollectionResponse> getGetCollectionMethod;
    if ((getGetCollectionMethod = VectorServiceGrpc.getGetCollectionMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getGetCollectionMethod = VectorServiceGrpc.getGetCollectionMethod) == null) {
          VectorServiceGrpc.getGetCollectionMethod = getGetCollectionMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetCollectionRequest, dev.arbiter.client.v1.GetCollectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetCollection"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetCollectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetCollectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("GetCollection"))
              .build();
        }
      }
    }
    return getGetCollectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListCollectionsRequest,
      dev.arbiter.client.v1.ListCollectionsResponse> getListCollectionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListCollections",
      requestType = dev.arbiter.client.v1.ListCollectionsRequest.class,
      responseType = dev.arbiter.client.v1.ListCollectionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListCollectionsRequest,
      dev.arbiter.client.v1.ListCollectionsResponse> getListCollectionsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListCollectionsRequest, dev.arbiter.client.v1.ListCollectionsResponse> getListCollectionsMethod;
    if ((getListCollectionsMethod = VectorServiceGrpc.getListCollectionsMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getListCollectionsMethod = VectorServiceGrpc.getListCollectionsMethod) == null) {
          VectorServiceGrpc.getListCollectionsMethod = getListCollectionsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListCollectionsRequest, dev.arbiter.client.v1.ListCollectionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListCollections"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListCollectionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListCollectionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("ListCollections"))
              .build();
        }
      }
    }
    return getListCollectionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteCollectionRequest,
      dev.arbiter.client.v1.DeleteCollectionResponse> getDeleteCollectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteCollection",
      requestType = dev.arbiter.client.v1.DeleteCollectionRequest.class,
      responseType = dev.arbiter.client.v1.DeleteCollectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteCollectionRequest,
      dev.arbiter.client.v1.DeleteCollectionResponse> getDeleteCollectionMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteCollectionRequest, dev.arbiter.client.v1.DeleteCollectionResponse> getDeleteCollectionMethod;
    if ((getDeleteCollectionMethod = VectorServiceGrpc.getDeleteCollectionMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getDeleteCollectionMethod = VectorServiceGrpc.getDeleteCollectionMethod) == null) {
          VectorServiceGrpc.getDeleteCollectionMethod = getDeleteCollectionMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeleteCollectionRequest, dev.arbiter.client.v1.DeleteCollectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteCollection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteCollectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteCollectionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("DeleteCollection"))
              .build();
        }
      }
    }
    return getDeleteCollectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.UpsertVectorsRequest,
      dev.arbiter.client.v1.UpsertVectorsResponse> getUpsertVectorsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpsertVectors",
      requestType = dev.arbiter.client.v1.UpsertVectorsRequest.class,
      responseType = dev.arbiter.client.v1.UpsertVectorsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.UpsertVectorsRequest,
      dev.arbiter.client.v1.UpsertVectorsResponse> getUpsertVectorsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.UpsertVectorsRequest, dev.arbiter.client.v1.UpsertVectorsResponse> getUpsertVectorsMethod;
    if ((getUpsertVectorsMethod = VectorServiceGrpc.getUpsertVectorsMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getUpsertVectorsMethod = VectorServiceGrpc.getUpsertVectorsMethod) == null) {
          VectorServiceGrpc.getUpsertVectorsMethod = getUpsertVectorsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.UpsertVectorsRequest, dev.arbiter.client.v1.UpsertVectorsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpsertVectors"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.UpsertVectorsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.UpsertVectorsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("UpsertVectors"))
              .build();
        }
      }
    }
    return getUpsertVectorsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteVectorsRequest,
      dev.arbiter.client.v1.DeleteVectorsResponse> getDeleteVectorsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteVectors",
      requestType = dev.arbiter.client.v1.DeleteVectorsRequest.class,
      responseType = dev.arbiter.client.v1.DeleteVectorsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteVectorsRequest,
      dev.arbiter.client.v1.DeleteVectorsResponse> getDeleteVectorsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteVectorsRequest, dev.arbiter.client.v1.DeleteVectorsResponse> getDeleteVectorsMethod;
    if ((getDeleteVectorsMethod = VectorServiceGrpc.getDeleteVectorsMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getDeleteVectorsMethod = VectorServiceGrpc.getDeleteVectorsMethod) == null) {
          VectorServiceGrpc.getDeleteVectorsMethod = getDeleteVectorsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeleteVectorsRequest, dev.arbiter.client.v1.DeleteVectorsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteVectors"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteVectorsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteVectorsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("DeleteVectors"))
              .build();
        }
      }
    }
    return getDeleteVectorsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SearchRequest,
      dev.arbiter.client.v1.SearchResponse> getSearchMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Search",
      requestType = dev.arbiter.client.v1.SearchRequest.class,
      responseType = dev.arbiter.client.v1.SearchResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SearchRequest,
      dev.arbiter.client.v1.SearchResponse> getSearchMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SearchRequest, dev.arbiter.client.v1.SearchResponse> getSearchMethod;
    if ((getSearchMethod = VectorServiceGrpc.getSearchMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getSearchMethod = VectorServiceGrpc.getSearchMethod) == null) {
          VectorServiceGrpc.getSearchMethod = getSearchMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SearchRequest, dev.arbiter.client.v1.SearchResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Search"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SearchRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SearchResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("Search"))
              .build();
        }
      }
    }
    return getSearchMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SearchBatchRequest,
      dev.arbiter.client.v1.SearchBatchResponse> getSearchBatchMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchBatch",
      requestType = dev.arbiter.client.v1.SearchBatchRequest.class,
      responseType = dev.arbiter.client.v1.SearchBatchResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SearchBatchRequest,
      dev.arbiter.client.v1.SearchBatchResponse> getSearchBatchMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SearchBatchRequest, dev.arbiter.client.v1.SearchBatchResponse> getSearchBatchMethod;
    if ((getSearchBatchMethod = VectorServiceGrpc.getSearchBatchMethod) == null) {
      synchronized (VectorServiceGrpc.class) {
        if ((getSearchBatchMethod = VectorServiceGrpc.getSearchBatchMethod) == null) {
          VectorServiceGrpc.getSearchBatchMethod = getSearchBatchMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SearchBatchRequest, dev.arbiter.client.v1.SearchBatchResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchBatch"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SearchBatchRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SearchBatchResponse.getDefaultInstance()))
              .setSchemaDescriptor(new VectorServiceMethodDescriptorSupplier("SearchBatch"))
              .build();
        }
      }
    }
    return getSearchBatchMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static VectorServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VectorServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VectorServiceStub>() {
        @java.lang.Override
        public VectorServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VectorServiceStub(channel, callOptions);
        }
      };
    return VectorServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static VectorServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VectorServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VectorServiceBlockingV2Stub>() {
        @java.lang.Override
        public VectorServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VectorServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return VectorServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static VectorServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VectorServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VectorServiceBlockingStub>() {
        @java.lang.Override
        public VectorServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VectorServiceBlockingStub(channel, callOptions);
        }
      };
    return VectorServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static VectorServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<VectorServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<VectorServiceFutureStub>() {
        @java.lang.Override
        public VectorServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new VectorServiceFutureStub(channel, callOptions);
        }
      };
    return VectorServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
   * </pre>
   */
  public interface AsyncService {

    /**
     */
    default void createCollection(dev.arbiter.client.v1.CreateCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateCollectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateCollectionMethod(), responseObserver);
    }

    /**
     */
    default void getCollection(dev.arbiter.client.v1.GetCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetCollectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetCollectionMethod(), responseObserver);
    }

    /**
     */
    default void listCollections(dev.arbiter.client.v1.ListCollectionsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListCollectionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListCollectionsMethod(), responseObserver);
    }

    /**
     */
    default void deleteCollection(dev.arbiter.client.v1.DeleteCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteCollectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteCollectionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Inserts or replaces vectors by id.
     * </pre>
     */
    default void upsertVectors(dev.arbiter.client.v1.UpsertVectorsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UpsertVectorsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpsertVectorsMethod(), responseObserver);
    }

    /**
     */
    default void deleteVectors(dev.arbiter.client.v1.DeleteVectorsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteVectorsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteVectorsMethod(), responseObserver);
    }

    /**
     * <pre>
     * k nearest neighbours of one query, optionally filtered by payload.
     * </pre>
     */
    default void search(dev.arbiter.client.v1.SearchRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SearchResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchMethod(), responseObserver);
    }

    /**
     * <pre>
     * k nearest neighbours of many queries in one call.
     * </pre>
     */
    default void searchBatch(dev.arbiter.client.v1.SearchBatchRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SearchBatchResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchBatchMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service VectorService.
   * <pre>
   * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
   * </pre>
   */
  public static abstract class VectorServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return VectorServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service VectorService.
   * <pre>
   * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
   * </pre>
   */
  public static final class VectorServiceStub
      extends io.grpc.stub.AbstractAsyncStub<VectorServiceStub> {
    private VectorServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VectorServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VectorServiceStub(channel, callOptions);
    }

    /**
     */
    public void createCollection(dev.arbiter.client.v1.CreateCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateCollectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateCollectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getCollection(dev.arbiter.client.v1.GetCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetCollectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetCollectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listCollections(dev.arbiter.client.v1.ListCollectionsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListCollectionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListCollectionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void deleteCollection(dev.arbiter.client.v1.DeleteCollectionRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteCollectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteCollectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Inserts or replaces vectors by id.
     * </pre>
     */
    public void upsertVectors(dev.arbiter.client.v1.UpsertVectorsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UpsertVectorsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpsertVectorsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void deleteVectors(dev.arbiter.client.v1.DeleteVectorsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteVectorsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteVectorsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * k nearest neighbours of one query, optionally filtered by payload.
     * </pre>
     */
    public void search(dev.arbiter.client.v1.SearchRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SearchResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * k nearest neighbours of many queries in one call.
     * </pre>
     */
    public void searchBatch(dev.arbiter.client.v1.SearchBatchRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SearchBatchResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchBatchMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service VectorService.
   * <pre>
   * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
   * </pre>
   */
  public static final class VectorServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<VectorServiceBlockingV2Stub> {
    private VectorServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VectorServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VectorServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public dev.arbiter.client.v1.CreateCollectionResponse createCollection(dev.arbiter.client.v1.CreateCollectionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateCollectionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetCollectionResponse getCollection(dev.arbiter.client.v1.GetCollectionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetCollectionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListCollectionsResponse listCollections(dev.arbiter.client.v1.ListCollectionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListCollectionsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeleteCollectionResponse deleteCollection(dev.arbiter.client.v1.DeleteCollectionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteCollectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Inserts or replaces vectors by id.
     * </pre>
     */
    public dev.arbiter.client.v1.UpsertVectorsResponse upsertVectors(dev.arbiter.client.v1.UpsertVectorsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpsertVectorsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeleteVectorsResponse deleteVectors(dev.arbiter.client.v1.DeleteVectorsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteVectorsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * k nearest neighbours of one query, optionally filtered by payload.
     * </pre>
     */
    public dev.arbiter.client.v1.SearchResponse search(dev.arbiter.client.v1.SearchRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * k nearest neighbours of many queries in one call.
     * </pre>
     */
    public dev.arbiter.client.v1.SearchBatchResponse searchBatch(dev.arbiter.client.v1.SearchBatchRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchBatchMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service VectorService.
   * <pre>
   * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
   * </pre>
   */
  public static final class VectorServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<VectorServiceBlockingStub> {
    private VectorServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VectorServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VectorServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public dev.arbiter.client.v1.CreateCollectionResponse createCollection(dev.arbiter.client.v1.CreateCollectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateCollectionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetCollectionResponse getCollection(dev.arbiter.client.v1.GetCollectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetCollectionMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListCollectionsResponse listCollections(dev.arbiter.client.v1.ListCollectionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListCollectionsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeleteCollectionResponse deleteCollection(dev.arbiter.client.v1.DeleteCollectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteCollectionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Inserts or replaces vectors by id.
     * </pre>
     */
    public dev.arbiter.client.v1.UpsertVectorsResponse upsertVectors(dev.arbiter.client.v1.UpsertVectorsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpsertVectorsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeleteVectorsResponse deleteVectors(dev.arbiter.client.v1.DeleteVectorsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteVectorsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * k nearest neighbours of one query, optionally filtered by payload.
     * </pre>
     */
    public dev.arbiter.client.v1.SearchResponse search(dev.arbiter.client.v1.SearchRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * k nearest neighbours of many queries in one call.
     * </pre>
     */
    public dev.arbiter.client.v1.SearchBatchResponse searchBatch(dev.arbiter.client.v1.SearchBatchRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchBatchMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service VectorService.
   * <pre>
   * Vector collections of a tenant: exact or HNSW indexes with typed payloads for filtering.
   * </pre>
   */
  public static final class VectorServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<VectorServiceFutureStub> {
    private VectorServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected VectorServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new VectorServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CreateCollectionResponse> createCollection(
        dev.arbiter.client.v1.CreateCollectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateCollectionMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetCollectionResponse> getCollection(
        dev.arbiter.client.v1.GetCollectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetCollectionMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListCollectionsResponse> listCollections(
        dev.arbiter.client.v1.ListCollectionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListCollectionsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeleteCollectionResponse> deleteCollection(
        dev.arbiter.client.v1.DeleteCollectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteCollectionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Inserts or replaces vectors by id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.UpsertVectorsResponse> upsertVectors(
        dev.arbiter.client.v1.UpsertVectorsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpsertVectorsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeleteVectorsResponse> deleteVectors(
        dev.arbiter.client.v1.DeleteVectorsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteVectorsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * k nearest neighbours of one query, optionally filtered by payload.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SearchResponse> search(
        dev.arbiter.client.v1.SearchRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * k nearest neighbours of many queries in one call.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SearchBatchResponse> searchBatch(
        dev.arbiter.client.v1.SearchBatchRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchBatchMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_COLLECTION = 0;
  private static final int METHODID_GET_COLLECTION = 1;
  private static final int METHODID_LIST_COLLECTIONS = 2;
  private static final int METHODID_DELETE_COLLECTION = 3;
  private static final int METHODID_UPSERT_VECTORS = 4;
  private static final int METHODID_DELETE_VECTORS = 5;
  private static final int METHODID_SEARCH = 6;
  private static final int METHODID_SEARCH_BATCH = 7;

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
        case METHODID_CREATE_COLLECTION:
          serviceImpl.createCollection((dev.arbiter.client.v1.CreateCollectionRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateCollectionResponse>) responseObserver);
          break;
        case METHODID_GET_COLLECTION:
          serviceImpl.getCollection((dev.arbiter.client.v1.GetCollectionRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetCollectionResponse>) responseObserver);
          break;
        case METHODID_LIST_COLLECTIONS:
          serviceImpl.listCollections((dev.arbiter.client.v1.ListCollectionsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListCollectionsResponse>) responseObserver);
          break;
        case METHODID_DELETE_COLLECTION:
          serviceImpl.deleteCollection((dev.arbiter.client.v1.DeleteCollectionRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteCollectionResponse>) responseObserver);
          break;
        case METHODID_UPSERT_VECTORS:
          serviceImpl.upsertVectors((dev.arbiter.client.v1.UpsertVectorsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UpsertVectorsResponse>) responseObserver);
          break;
        case METHODID_DELETE_VECTORS:
          serviceImpl.deleteVectors((dev.arbiter.client.v1.DeleteVectorsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteVectorsResponse>) responseObserver);
          break;
        case METHODID_SEARCH:
          serviceImpl.search((dev.arbiter.client.v1.SearchRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SearchResponse>) responseObserver);
          break;
        case METHODID_SEARCH_BATCH:
          serviceImpl.searchBatch((dev.arbiter.client.v1.SearchBatchRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SearchBatchResponse>) responseObserver);
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
          getCreateCollectionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CreateCollectionRequest,
              dev.arbiter.client.v1.CreateCollectionResponse>(
                service, METHODID_CREATE_COLLECTION)))
        .addMethod(
          getGetCollectionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetCollectionRequest,
              dev.arbiter.client.v1.GetCollectionResponse>(
                service, METHODID_GET_COLLECTION)))
        .addMethod(
          getListCollectionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListCollectionsRequest,
              dev.arbiter.client.v1.ListCollectionsResponse>(
                service, METHODID_LIST_COLLECTIONS)))
        .addMethod(
          getDeleteCollectionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeleteCollectionRequest,
              dev.arbiter.client.v1.DeleteCollectionResponse>(
                service, METHODID_DELETE_COLLECTION)))
        .addMethod(
          getUpsertVectorsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.UpsertVectorsRequest,
              dev.arbiter.client.v1.UpsertVectorsResponse>(
                service, METHODID_UPSERT_VECTORS)))
        .addMethod(
          getDeleteVectorsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeleteVectorsRequest,
              dev.arbiter.client.v1.DeleteVectorsResponse>(
                service, METHODID_DELETE_VECTORS)))
        .addMethod(
          getSearchMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SearchRequest,
              dev.arbiter.client.v1.SearchResponse>(
                service, METHODID_SEARCH)))
        .addMethod(
          getSearchBatchMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SearchBatchRequest,
              dev.arbiter.client.v1.SearchBatchResponse>(
                service, METHODID_SEARCH_BATCH)))
        .build();
  }

  private static abstract class VectorServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    VectorServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Vectors.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("VectorService");
    }
  }

  private static final class VectorServiceFileDescriptorSupplier
      extends VectorServiceBaseDescriptorSupplier {
    VectorServiceFileDescriptorSupplier() {}
  }

  private static final class VectorServiceMethodDescriptorSupplier
      extends VectorServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    VectorServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (VectorServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new VectorServiceFileDescriptorSupplier())
              .addMethod(getCreateCollectionMethod())
              .addMethod(getGetCollectionMethod())
              .addMethod(getListCollectionsMethod())
              .addMethod(getDeleteCollectionMethod())
              .addMethod(getUpsertVectorsMethod())
              .addMethod(getDeleteVectorsMethod())
              .addMethod(getSearchMethod())
              .addMethod(getSearchBatchMethod())
              .build();
        }
      }
    }
    return result;
  }
}
