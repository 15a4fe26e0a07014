package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class PipelineServiceGrpc {

  private PipelineServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.PipelineService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreatePipelineRequest,
      dev.arbiter.client.v1.CreatePipelineResponse> getCreatePipelineMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreatePipeline",
      requestType = dev.arbiter.client.v1.CreatePipelineRequest.class,
      responseType = dev.arbiter.client.v1.CreatePipelineResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreatePipelineRequest,
      dev.arbiter.client.v1.CreatePipelineResponse> getCreatePipelineMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreatePipelineRequest, dev.arbiter.client.v1.CreatePipelineResponse> getCreatePipelineMethod;
    if ((getCreatePipelineMethod = PipelineServiceGrpc.getCreatePipelineMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getCreatePipelineMethod = PipelineServiceGrpc.getCreatePipelineMethod) == null) {
          PipelineServiceGrpc.getCreatePipelineMethod = getCreatePipelineMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CreatePipelineRequest, dev.arbiter.client.v1.CreatePipelineResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreatePipeline"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreatePipelineRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreatePipelineResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("CreatePipeline"))
              .build();
        }
      }
    }
    return getCreatePipelineMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ValidatePipelineRequest,
      dev.arbiter.client.v1.ValidatePipelineResponse> getValidatePipelineMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ValidatePipeline",
      requestType = dev.arbiter.client.v1.ValidatePipelineRequest.class,
      responseType = dev.arbiter.client.v1.ValidatePipelineResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ValidatePipelineRequest,
      dev.arbiter.client.v1.ValidatePipelineResponse> getValidatePipelineMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ValidatePipelineRequest, dev.arbiter.client.v1.ValidatePipelineResponse> getValidatePipelineMethod;
    if ((getValidatePipelineMethod = PipelineServiceGrpc.getValidatePipelineMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getValidatePipelineMethod = PipelineServiceGrpc.getValidatePipelineMethod) == null) {
          PipelineServiceGrpc.getValidatePipelineMethod = getValidatePipelineMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ValidatePipelineRequest, dev.arbiter.client.v1.ValidatePipelineResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ValidatePipeline"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ValidatePipelineRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ValidatePipelineResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("ValidatePipeline"))
              .build();
        }
      }
    }
    return getValidatePipelineMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetPipelineRequest,
      dev.arbiter.client.v1.GetPipelineResponse> getGetPipelineMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPipeline",
      requestType = dev.arbiter.client.v1.GetPipelineRequest.class,
      responseType = dev.arbiter.client.v1.GetPipelineResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetPipelineRequest,
      dev.arbiter.client.v1.GetPipelineResponse> getGetPipelineMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetPipelineRequest, dev.arbiter.client.v1.GetPipelineResponse> getGetPipelineMethod;
    if ((getGetPipelineMethod = PipelineServiceGrpc.getGetPipelineMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getGetPipelineMethod = PipelineServiceGrpc.getGetPipelineMethod) == null) {
          PipelineServiceGrpc.getGetPipelineMethod = getGetPipelineMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetPipelineRequest, dev.arbiter.client.v1.GetPipelineResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPipeline"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetPipelineRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetPipelineResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("GetPipeline"))
              .build();
        }
      }
    }
    return getGetPipelineMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPipelinesRequest,
      dev.arbiter.client.v1.ListPipelinesResponse> getListPipelinesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListPipelines",
      requestType = dev.arbiter.client.v1.ListPipelinesRequest.class,
      responseType = dev.arbiter.client.v1.ListPipelinesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPipelinesRequest,
      dev.arbiter.client.v1.ListPipelinesResponse> getListPipelinesMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPipelinesRequest, dev.arbiter.client.v1.ListPipelinesResponse> getListPipelinesMethod;
    if ((getListPipelinesMethod = PipelineServiceGrpc.getListPipelinesMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getListPipelinesMethod = PipelineServiceGrpc.getListPipelinesMethod) == null) {
          PipelineServiceGrpc.getListPipelinesMethod = getListPipelinesMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListPipelinesRequest, dev.arbiter.client.v1.ListPipelinesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListPipelines"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListPipelinesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListPipelinesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("ListPipelines"))
              .build();
        }
      }
    }
    return getListPipelinesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeletePipelineRequest,
      dev.arbiter.client.v1.DeletePipelineResponse> getDeletePipelineMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeletePipeline",
      requestType = dev.arbiter.client.v1.DeletePipelineRequest.class,
      responseType = dev.arbiter.client.v1.DeletePipelineResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeletePipelineRequest,
      dev.arbiter.client.v1.DeletePipelineResponse> getDeletePipelineMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeletePipelineRequest, dev.arbiter.client.v1.DeletePipelineResponse> getDeletePipelineMethod;
    if ((getDeletePipelineMethod = PipelineServiceGrpc.getDeletePipelineMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getDeletePipelineMethod = PipelineServiceGrpc.getDeletePipelineMethod) == null) {
          PipelineServiceGrpc.getDeletePipelineMethod = getDeletePipelineMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeletePipelineRequest, dev.arbiter.client.v1.DeletePipelineResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeletePipeline"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeletePipelineRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeletePipelineResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("DeletePipeline"))
              .build();
        }
      }
    }
    return getDeletePipelineMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetPipelineAliasRequest,
      dev.arbiter.client.v1.SetPipelineAliasResponse> getSetPipelineAliasMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetPipelineAlias",
      requestType = dev.arbiter.client.v1.SetPipelineAliasRequest.class,
      responseType = dev.arbiter.client.v1.SetPipelineAliasResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetPipelineAliasRequest,
      dev.arbiter.client.v1.SetPipelineAliasResponse> getSetPipelineAliasMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetPipelineAliasRequest, dev.arbiter.client.v1.SetPipelineAliasResponse> getSetPipelineAliasMethod;
    if ((getSetPipelineAliasMethod = PipelineServiceGrpc.getSetPipelineAliasMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getSetPipelineAliasMethod = PipelineServiceGrpc.getSetPipelineAliasMethod) == null) {
          PipelineServiceGrpc.getSetPipelineAliasMethod = getSetPipelineAliasMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SetPipelineAliasRequest, dev.arbiter.client.v1.SetPipelineAliasResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetPipelineAlias"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetPipelineAliasRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetPipelineAliasResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("SetPipelineAlias"))
              .build();
        }
      }
    }
    return getSetPipelineAliasMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPluginsRequest,
      dev.arbiter.client.v1.ListPluginsResponse> getListPluginsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListPlugins",
      requestType = dev.arbiter.client.v1.ListPluginsRequest.class,
      responseType = dev.arbiter.client.v1.ListPluginsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPluginsRequest,
      dev.arbiter.client.v1.ListPluginsResponse> getListPluginsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPluginsRequest, dev.arbiter.client.v1.ListPluginsResponse> getListPluginsMethod;
    if ((getListPluginsMethod = PipelineServiceGrpc.getListPluginsMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getListPluginsMethod = PipelineServiceGrpc.getListPluginsMethod) == null) {
          PipelineServiceGrpc.getListPluginsMethod = getListPluginsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListPluginsRequest, dev.arbiter.client.v1.ListPluginsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListPlugins"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListPluginsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListPluginsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("ListPlugins"))
              .build();
        }
      }
    }
    return getListPluginsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.LoadPluginRequest,
      dev.arbiter.client.v1.LoadPluginResponse> getLoadPluginMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LoadPlugin",
      requestType = dev.arbiter.client.v1.LoadPluginRequest.class,
      responseType = dev.arbiter.client.v1.LoadPluginResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.LoadPluginRequest,
      dev.arbiter.client.v1.LoadPluginResponse> getLoadPluginMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.LoadPluginRequest, dev.arbiter.client.v1.LoadPluginResponse> getLoadPluginMethod;
    if ((getLoadPluginMethod = PipelineServiceGrpc.getLoadPluginMethod) == null) {
      synchronized (PipelineServiceGrpc.class) {
        if ((getLoadPluginMethod = PipelineServiceGrpc.getLoadPluginMethod) == null) {
          PipelineServiceGrpc.getLoadPluginMethod = getLoadPluginMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.LoadPluginRequest, dev.arbiter.client.v1.LoadPluginResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LoadPlugin"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.LoadPluginRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.LoadPluginResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PipelineServiceMethodDescriptorSupplier("LoadPlugin"))
              .build();
        }
      }
    }
    return getLoadPluginMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static PipelineServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PipelineServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PipelineServiceStub>() {
        @java.lang.Override
        public PipelineServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PipelineServiceStub(channel, callOptions);
        }
      };
    return PipelineServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static PipelineServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PipelineServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PipelineServiceBlockingV2Stub>() {
        @java.lang.Override
        public PipelineServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PipelineServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return PipelineServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static PipelineServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PipelineServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PipelineServiceBlockingStub>() {
        @java.lang.Override
        public PipelineServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PipelineServiceBlockingStub(channel, callOptions);
        }
      };
    return PipelineServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static PipelineServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PipelineServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PipelineServiceFutureStub>() {
        @java.lang.Override
        public PipelineServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PipelineServiceFutureStub(channel, callOptions);
        }
      };
    return PipelineServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Validates and stores a new pipeline version (acyclic, inputs satisfied, types compatible,
     * referenced models and collections exist); errors name the node and field.
     * </pre>
     */
    default void createPipeline(dev.arbiter.client.v1.CreatePipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreatePipelineResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreatePipelineMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs the registration checks without storing anything.
     * </pre>
     */
    default void validatePipeline(dev.arbiter.client.v1.ValidatePipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ValidatePipelineResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getValidatePipelineMethod(), responseObserver);
    }

    /**
     */
    default void getPipeline(dev.arbiter.client.v1.GetPipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetPipelineResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPipelineMethod(), responseObserver);
    }

    /**
     */
    default void listPipelines(dev.arbiter.client.v1.ListPipelinesRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPipelinesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListPipelinesMethod(), responseObserver);
    }

    /**
     */
    default void deletePipeline(dev.arbiter.client.v1.DeletePipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeletePipelineResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeletePipelineMethod(), responseObserver);
    }

    /**
     * <pre>
     * Points an alias at a pipeline version atomically.
     * </pre>
     */
    default void setPipelineAlias(dev.arbiter.client.v1.SetPipelineAliasRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetPipelineAliasResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetPipelineAliasMethod(), responseObserver);
    }

    /**
     * <pre>
     * Plugins available to plugin nodes: built-in ones and user modules from the plugin directory.
     * </pre>
     */
    default void listPlugins(dev.arbiter.client.v1.ListPluginsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPluginsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListPluginsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Loads (or reloads) a user plugin module from the configured plugin directory.
     * </pre>
     */
    default void loadPlugin(dev.arbiter.client.v1.LoadPluginRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.LoadPluginResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLoadPluginMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service PipelineService.
   * <pre>
   * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
   * </pre>
   */
  public static abstract class PipelineServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return PipelineServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service PipelineService.
   * <pre>
   * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
   * </pre>
   */
  public static final class PipelineServiceStub
      extends io.grpc.stub.AbstractAsyncStub<PipelineServiceStub> {
    private PipelineServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PipelineServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PipelineServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Validates and stores a new pipeline version (acyclic, inputs satisfied, types compatible,
     * referenced models and collections exist); errors name the node and field.
     * </pre>
     */
    public void createPipeline(dev.arbiter.client.v1.CreatePipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreatePipelineResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreatePipelineMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs the registration checks without storing anything.
     * </pre>
     */
    public void validatePipeline(dev.arbiter.client.v1.ValidatePipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ValidatePipelineResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getValidatePipelineMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getPipeline(dev.arbiter.client.v1.GetPipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetPipelineResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPipelineMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listPipelines(dev.arbiter.client.v1.ListPipelinesRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPipelinesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListPipelinesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void deletePipeline(dev.arbiter.client.v1.DeletePipelineRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeletePipelineResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeletePipelineMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Points an alias at a pipeline version atomically.
     * </pre>
     */
    public void setPipelineAlias(dev.arbiter.client.v1.SetPipelineAliasRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetPipelineAliasResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetPipelineAliasMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Plugins available to plugin nodes: built-in ones and user modules from the plugin directory.
     * </pre>
     */
    public void listPlugins(dev.arbiter.client.v1.ListPluginsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPluginsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListPluginsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Loads (or reloads) a user plugin module from the configured plugin directory.
     * </pre>
     */
    public void loadPlugin(dev.arbiter.client.v1.LoadPluginRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.LoadPluginResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLoadPluginMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service PipelineService.
   * <pre>
   * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
   * </pre>
   */
  public static final class PipelineServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<PipelineServiceBlockingV2Stub> {
    private PipelineServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PipelineServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PipelineServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Validates and stores a new pipeline version (acyclic, inputs satisfied, types compatible,
     * referenced models and collections exist); errors name the node and field.
     * </pre>
     */
    public dev.arbiter.client.v1.CreatePipelineResponse createPipeline(dev.arbiter.client.v1.CreatePipelineRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreatePipelineMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs the registration checks without storing anything.
     * </pre>
     */
    public dev.arbiter.client.v1.ValidatePipelineResponse validatePipeline(dev.arbiter.client.v1.ValidatePipelineRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getValidatePipelineMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetPipelineResponse getPipeline(dev.arbiter.client.v1.GetPipelineRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPipelineMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListPipelinesResponse listPipelines(dev.arbiter.client.v1.ListPipelinesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListPipelinesMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeletePipelineResponse deletePipeline(dev.arbiter.client.v1.DeletePipelineRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeletePipelineMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Points an alias at a pipeline version atomically.
     * </pre>
     */
    public dev.arbiter.client.v1.SetPipelineAliasResponse setPipelineAlias(dev.arbiter.client.v1.SetPipelineAliasRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetPipelineAliasMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Plugins available to plugin nodes: built-in ones and user modules from the plugin directory.
     * </pre>
     */
    public dev.arbiter.client.v1.ListPluginsResponse listPlugins(dev.arbiter.client.v1.ListPluginsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListPluginsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Loads (or reloads) a user plugin module from the configured plugin directory.
     * </pre>
     */
    public dev.arbiter.client.v1.LoadPluginResponse loadPlugin(dev.arbiter.client.v1.LoadPluginRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLoadPluginMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service PipelineService.
   * <pre>
   * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
   * </pre>
   */
  public static final class PipelineServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<PipelineServiceBlockingStub> {
    private PipelineServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PipelineServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PipelineServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Validates and stores a new pipeline version (acyclic, inputs satisfied, types compatible,
     * referenced models and collections exist); errors name the node and field.
     * </pre>
     */
    public dev.arbiter.client.v1.CreatePipelineResponse createPipeline(dev.arbiter.client.v1.CreatePipelineRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreatePipelineMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs the registration checks without storing anything.
     * </pre>
     */
    public dev.arbiter.client.v1.ValidatePipelineResponse validatePipeline(dev.arbiter.client.v1.ValidatePipelineRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getValidatePipelineMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetPipelineResponse getPipeline(dev.arbiter.client.v1.GetPipelineRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPipelineMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListPipelinesResponse listPipelines(dev.arbiter.client.v1.ListPipelinesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListPipelinesMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeletePipelineResponse deletePipeline(dev.arbiter.client.v1.DeletePipelineRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeletePipelineMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Points an alias at a pipeline version atomically.
     * </pre>
     */
    public dev.arbiter.client.v1.SetPipelineAliasResponse setPipelineAlias(dev.arbiter.client.v1.SetPipelineAliasRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetPipelineAliasMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Plugins available to plugin nodes: built-in ones and user modules from the plugin directory.
     * </pre>
     */
    public dev.arbiter.client.v1.ListPluginsResponse listPlugins(dev.arbiter.client.v1.ListPluginsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListPluginsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Loads (or reloads) a user plugin module from the configured plugin directory.
     * </pre>
     */
    public dev.arbiter.client.v1.LoadPluginResponse loadPlugin(dev.arbiter.client.v1.LoadPluginRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLoadPluginMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service PipelineService.
   * <pre>
   * Pipelines: versioned DAGs of model, vector search, transform, plugin, remote and rules nodes.
   * </pre>
   */
  public static final class PipelineServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<PipelineServiceFutureStub> {
    private PipelineServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PipelineServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PipelineServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Validates and stores a new pipeline version (acyclic, inputs satisfied, types compatible,
     * referenced models and collections exist); errors name the node and field.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CreatePipelineResponse> createPipeline(
        dev.arbiter.client.v1.CreatePipelineRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreatePipelineMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Runs the registration checks without storing anything.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ValidatePipelineResponse> validatePipeline(
        dev.arbiter.client.v1.ValidatePipelineRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getValidatePipelineMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetPipelineResponse> getPipeline(
        dev.arbiter.client.v1.GetPipelineRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPipelineMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListPipelinesResponse> listPipelines(
        dev.arbiter.client.v1.ListPipelinesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListPipelinesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeletePipelineResponse> deletePipeline(
        dev.arbiter.client.v1.DeletePipelineRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeletePipelineMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Points an alias at a pipeline version atomically.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SetPipelineAliasResponse> setPipelineAlias(
        dev.arbiter.client.v1.SetPipelineAliasRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetPipelineAliasMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Plugins available to plugin nodes: built-in ones and user modules from the plugin directory.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListPluginsResponse> listPlugins(
        dev.arbiter.client.v1.ListPluginsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListPluginsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Loads (or reloads) a user plugin module from the configured plugin directory.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.LoadPluginResponse> loadPlugin(
        dev.arbiter.client.v1.LoadPluginRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLoadPluginMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_PIPELINE = 0;
  private static final int METHODID_VALIDATE_PIPELINE = 1;
  private static final int METHODID_GET_PIPELINE = 2;
  private static final int METHODID_LIST_PIPELINES = 3;
  private static final int METHODID_DELETE_PIPELINE = 4;
  private static final int METHODID_SET_PIPELINE_ALIAS = 5;
  private static final int METHODID_LIST_PLUGINS = 6;
  private static final int METHODID_LOAD_PLUGIN = 7;

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
        case METHODID_CREATE_PIPELINE:
          serviceImpl.createPipeline((dev.arbiter.client.v1.CreatePipelineRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreatePipelineResponse>) responseObserver);
          break;
        case METHODID_VALIDATE_PIPELINE:
          serviceImpl.validatePipeline((dev.arbiter.client.v1.ValidatePipelineRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ValidatePipelineResponse>) responseObserver);
          break;
        case METHODID_GET_PIPELINE:
          serviceImpl.getPipeline((dev.arbiter.client.v1.GetPipelineRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetPipelineResponse>) responseObserver);
          break;
        case METHODID_LIST_PIPELINES:
          serviceImpl.listPipelines((dev.arbiter.client.v1.ListPipelinesRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPipelinesResponse>) responseObserver);
          break;
        case METHODID_DELETE_PIPELINE:
          serviceImpl.deletePipeline((dev.arbiter.client.v1.DeletePipelineRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeletePipelineResponse>) responseObserver);
          break;
        case METHODID_SET_PIPELINE_ALIAS:
          serviceImpl.setPipelineAlias((dev.arbiter.client.v1.SetPipelineAliasRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetPipelineAliasResponse>) responseObserver);
          break;
        case METHODID_LIST_PLUGINS:
          serviceImpl.listPlugins((dev.arbiter.client.v1.ListPluginsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPluginsResponse>) responseObserver);
          break;
        case METHODID_LOAD_PLUGIN:
          serviceImpl.loadPlugin((dev.arbiter.client.v1.LoadPluginRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.LoadPluginResponse>) responseObserver);
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
          getCreatePipelineMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CreatePipelineRequest,
              dev.arbiter.client.v1.CreatePipelineResponse>(
                service, METHODID_CREATE_PIPELINE)))
        .addMethod(
          getValidatePipelineMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ValidatePipelineRequest,
              dev.arbiter.client.v1.ValidatePipelineResponse>(
                service, METHODID_VALIDATE_PIPELINE)))
        .addMethod(
          getGetPipelineMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetPipelineRequest,
              dev.arbiter.client.v1.GetPipelineResponse>(
                service, METHODID_GET_PIPELINE)))
        .addMethod(
          getListPipelinesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListPipelinesRequest,
              dev.arbiter.client.v1.ListPipelinesResponse>(
                service, METHODID_LIST_PIPELINES)))
        .addMethod(
          getDeletePipelineMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeletePipelineRequest,
              dev.arbiter.client.v1.DeletePipelineResponse>(
                service, METHODID_DELETE_PIPELINE)))
        .addMethod(
          getSetPipelineAliasMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SetPipelineAliasRequest,
              dev.arbiter.client.v1.SetPipelineAliasResponse>(
                service, METHODID_SET_PIPELINE_ALIAS)))
        .addMethod(
          getListPluginsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListPluginsRequest,
              dev.arbiter.client.v1.ListPluginsResponse>(
                service, METHODID_LIST_PLUGINS)))
        .addMethod(
          getLoadPluginMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.LoadPluginRequest,
              dev.arbiter.client.v1.LoadPluginResponse>(
                service, METHODID_LOAD_PLUGIN)))
        .build();
  }

  private static abstract class PipelineServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    PipelineServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Pipelines.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("PipelineService");
    }
  }

  private static final class PipelineServiceFileDescriptorSupplier
      extends PipelineServiceBaseDescriptorSupplier {
    PipelineServiceFileDescriptorSupplier() {}
  }

  private static final class PipelineServiceMethodDescriptorSupplier
      extends PipelineServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    PipelineServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (PipelineServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new PipelineServiceFileDescriptorSupplier())
              .addMethod(getCreatePipelineMethod())
              .addMethod(getValidatePipelineMethod())
              .addMethod(getGetPipelineMethod())
              .addMethod(getListPipelinesMethod())
              .addMethod(getDeletePipelineMethod())
              .addMethod(getSetPipelineAliasMethod())
              .addMethod(getListPluginsMethod())
              .addMethod(getLoadPluginMethod())
              .build();
        }
      }
    }
    return result;
  }
}
