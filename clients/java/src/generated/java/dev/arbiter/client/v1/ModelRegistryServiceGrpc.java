package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
 * aliases and where they are loaded.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ModelRegistryServiceGrpc {

  private ModelRegistryServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.ModelRegistryService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.RegisterModelRequest,
      dev.arbiter.client.v1.RegisterModelResponse> getRegisterModelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RegisterModel",
      requestType = dev.arbiter.client.v1.RegisterModelRequest.class,
      responseType = dev.arbiter.client.v1.RegisterModelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.RegisterModelRequest,
      dev.arbiter.client.v1.RegisterModelResponse> getRegisterModelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.RegisterModelRequest, dev.arbiter.client.v1.RegisterModelResponse> getRegisterModelMethod;
    if ((getRegisterModelMethod = ModelRegistryServiceGrpc.getRegisterModelMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getRegisterModelMethod = ModelRegistryServiceGrpc.getRegisterModelMethod) == null) {
          ModelRegistryServiceGrpc.getRegisterModelMethod = getRegisterModelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.RegisterModelRequest, dev.arbiter.client.v1.RegisterModelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RegisterModel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.RegisterModelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.RegisterModelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("RegisterModel"))
              .build();
        }
      }
    }
    return getRegisterModelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetModelRequest,
      dev.arbiter.client.v1.GetModelResponse> getGetModelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetModel",
      requestType = dev.arbiter.client.v1.GetModelRequest.class,
      responseType = dev.arbiter.client.v1.GetModelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetModelRequest,
      dev.arbiter.client.v1.GetModelResponse> getGetModelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetModelRequest, dev.arbiter.client.v1.GetModelResponse> getGetModelMethod;
    if ((getGetModelMethod = ModelRegistryServiceGrpc.getGetModelMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getGetModelMethod = ModelRegistryServiceGrpc.getGetModelMethod) == null) {
          ModelRegistryServiceGrpc.getGetModelMethod = getGetModelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetModelRequest, dev.arbiter.client.v1.GetModelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetModel"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetModelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetModelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("GetModel"))
              .build();
        }
      }
    }
    return getGetModelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListModelsRequest,
      dev.arbiter.client.v1.ListModelsResponse> getListModelsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListModels",
      requestType = dev.arbiter.client.v1.ListModelsRequest.class,
      responseType = dev.arbiter.client.v1.ListModelsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListModelsRequest,
      dev.arbiter.client.v1.ListModelsResponse> getListModelsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListModelsRequest, dev.arbiter.client.v1.ListModelsResponse> getListModelsMethod;
    if ((getListModelsMethod = ModelRegistryServiceGrpc.getListModelsMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getListModelsMethod = ModelRegistryServiceGrpc.getListModelsMethod) == null) {
          ModelRegistryServiceGrpc.getListModelsMethod = getListModelsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListModelsRequest, dev.arbiter.client.v1.ListModelsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListModels"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListModelsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListModelsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("ListModels"))
              .build();
        }
      }
    }
    return getListModelsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteModelRequest,
      dev.arbiter.client.v1.DeleteModelResponse> getDeleteModelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteModel",
      requestType = dev.arbiter.client.v1.DeleteModelRequest.class,
      responseType = dev.arbiter.client.v1.DeleteModelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteModelRequest,
      dev.arbiter.client.v1.DeleteModelResponse> getDeleteModelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteModelRequest, dev.arbiter.client.v1.DeleteModelResponse> getDeleteModelMethod;
    if ((getDeleteModelMethod = ModelRegistryServiceGrpc.getDeleteModelMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getDeleteModelMethod = ModelRegistryServiceGrpc.getDeleteModelMethod) == null) {
          ModelRegistryServiceGrpc.getDeleteModelMethod = getDeleteModelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeleteModelRequest, dev.arbiter.client.v1.DeleteModelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteModel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteModelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteModelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("DeleteModel"))
              .build();
        }
      }
    }
    return getDeleteModelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.UpdateModelConfigRequest,
      dev.arbiter.client.v1.UpdateModelConfigResponse> getUpdateModelConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateModelConfig",
      requestType = dev.arbiter.client.v1.UpdateModelConfigRequest.class,
      responseType = dev.arbiter.client.v1.UpdateModelConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.UpdateModelConfigRequest,
      dev.arbiter.client.v1.UpdateModelConfigResponse> getUpdateModelConfigMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.UpdateModelConfigRequest, dev.arbiter.client.v1.UpdateModelConfigResponse> getUpdateModelConfigMethod;
    if ((getUpdateModelConfigMethod = ModelRegistryServiceGrpc.getUpdateModelConfigMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getUpdateModelConfigMethod = ModelRegistryServiceGrpc.getUpdateModelConfigMethod) == null) {
          ModelRegistryServiceGrpc.getUpdateModelConfigMethod = getUpdateModelConfigMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.UpdateModelConfigRequest, dev.arbiter.client.v1.UpdateModelConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateModelConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.UpdateModelConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.UpdateModelConfigResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("UpdateModelConfig"))
              .build();
        }
      }
    }
    return getUpdateModelConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetModelAliasRequest,
      dev.arbiter.client.v1.SetModelAliasResponse> getSetModelAliasMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetModelAlias",
      requestType = dev.arbiter.client.v1.SetModelAliasRequest.class,
      responseType = dev.arbiter.client.v1.SetModelAliasResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetModelAliasRequest,
      dev.arbiter.client.v1.SetModelAliasResponse> getSetModelAliasMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetModelAliasRequest, dev.arbiter.client.v1.SetModelAliasResponse> getSetModelAliasMethod;
    if ((getSetModelAliasMethod = ModelRegistryServiceGrpc.getSetModelAliasMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getSetModelAliasMethod = ModelRegistryServiceGrpc.getSetModelAliasMethod) == null) {
          ModelRegistryServiceGrpc.getSetModelAliasMethod = getSetModelAliasMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SetModelAliasRequest, dev.arbiter.client.v1.SetModelAliasResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetModelAlias"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetModelAliasRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetModelAliasResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("SetModelAlias"))
              .build();
        }
      }
    }
    return getSetModelAliasMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteModelAliasRequest,
      dev.arbiter.client.v1.DeleteModelAliasResponse> getDeleteModelAliasMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteModelAlias",
      requestType = dev.arbiter.client.v1.DeleteModelAliasRequest.class,
      responseType = dev.arbiter.client.v1.DeleteModelAliasResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteModelAliasRequest,
      dev.arbiter.client.v1.DeleteModelAliasResponse> getDeleteModelAliasMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteModelAliasRequest, dev.arbiter.client.v1.DeleteModelAliasResponse> getDeleteModelAliasMethod;
    if ((getDeleteModelAliasMethod = ModelRegistryServiceGrpc.getDeleteModelAliasMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getDeleteModelAliasMethod = ModelRegistryServiceGrpc.getDeleteModelAliasMethod) == null) {
          ModelRegistryServiceGrpc.getDeleteModelAliasMethod = getDeleteModelAliasMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeleteModelAliasRequest, dev.arbiter.client.v1.DeleteModelAliasResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteModelAlias"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteModelAliasRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteModelAliasResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("DeleteModelAlias"))
              .build();
        }
      }
    }
    return getDeleteModelAliasMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.LoadModelRequest,
      dev.arbiter.client.v1.LoadModelResponse> getLoadModelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LoadModel",
      requestType = dev.arbiter.client.v1.LoadModelRequest.class,
      responseType = dev.arbiter.client.v1.LoadModelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.LoadModelRequest,
      dev.arbiter.client.v1.LoadModelResponse> getLoadModelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.LoadModelRequest, dev.arbiter.client.v1.LoadModelResponse> getLoadModelMethod;
    if ((getLoadModelMethod = ModelRegistryServiceGrpc.getLoadModelMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getLoadModelMethod = ModelRegistryServiceGrpc.getLoadModelMethod) == null) {
          ModelRegistryServiceGrpc.getLoadModelMethod = getLoadModelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.LoadModelRequest, dev.arbiter.client.v1.LoadModelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LoadModel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.LoadModelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.LoadModelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("LoadModel"))
              .build();
        }
      }
    }
    return getLoadModelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.UnloadModelRequest,
      dev.arbiter.client.v1.UnloadModelResponse> getUnloadModelMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UnloadModel",
      requestType = dev.arbiter.client.v1.UnloadModelRequest.class,
      responseType = dev.arbiter.client.v1.UnloadModelResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.UnloadModelRequest,
      dev.arbiter.client.v1.UnloadModelResponse> getUnloadModelMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.UnloadModelRequest, dev.arbiter.client.v1.UnloadModelResponse> getUnloadModelMethod;
    if ((getUnloadModelMethod = ModelRegistryServiceGrpc.getUnloadModelMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getUnloadModelMethod = ModelRegistryServiceGrpc.getUnloadModelMethod) == null) {
          ModelRegistryServiceGrpc.getUnloadModelMethod = getUnloadModelMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.UnloadModelRequest, dev.arbiter.client.v1.UnloadModelResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UnloadModel"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.UnloadModelRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.UnloadModelResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("UnloadModel"))
              .build();
        }
      }
    }
    return getUnloadModelMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetModelStatisticsRequest,
      dev.arbiter.client.v1.GetModelStatisticsResponse> getGetModelStatisticsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetModelStatistics",
      requestType = dev.arbiter.client.v1.GetModelStatisticsRequest.class,
      responseType = dev.arbiter.client.v1.GetModelStatisticsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetModelStatisticsRequest,
      dev.arbiter.client.v1.GetModelStatisticsResponse> getGetModelStatisticsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetModelStatisticsRequest, dev.arbiter.client.v1.GetModelStatisticsResponse> getGetModelStatisticsMethod;
    if ((getGetModelStatisticsMethod = ModelRegistryServiceGrpc.getGetModelStatisticsMethod) == null) {
      synchronized (ModelRegistryServiceGrpc.class) {
        if ((getGetModelStatisticsMethod = ModelRegistryServiceGrpc.getGetModelStatisticsMethod) == null) {
          ModelRegistryServiceGrpc.getGetModelStatisticsMethod = getGetModelStatisticsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetModelStatisticsRequest, dev.arbiter.client.v1.GetModelStatisticsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetModelStatistics"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetModelStatisticsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetModelStatisticsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ModelRegistryServiceMethodDescriptorSupplier("GetModelStatistics"))
              .build();
        }
      }
    }
    return getGetModelStatisticsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ModelRegistryServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceStub>() {
        @java.lang.Override
        public ModelRegistryServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModelRegistryServiceStub(channel, callOptions);
        }
      };
    return ModelRegistryServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ModelRegistryServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceBlockingV2Stub>() {
        @java.lang.Override
        public ModelRegistryServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModelRegistryServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ModelRegistryServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ModelRegistryServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceBlockingStub>() {
        @java.lang.Override
        public ModelRegistryServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModelRegistryServiceBlockingStub(channel, callOptions);
        }
      };
    return ModelRegistryServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ModelRegistryServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ModelRegistryServiceFutureStub>() {
        @java.lang.Override
        public ModelRegistryServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ModelRegistryServiceFutureStub(channel, callOptions);
        }
      };
    return ModelRegistryServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
   * aliases and where they are loaded.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Uploads a model: the first message carries the metadata, the following ones the artifact's
     * bytes in order. The artifact is stored with its sha256; a model that does not load is
     * rejected here, not at its first request.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RegisterModelRequest> registerModel(
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RegisterModelResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getRegisterModelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one version of a model (the latest when no version or alias is given).
     * </pre>
     */
    default void getModel(dev.arbiter.client.v1.GetModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetModelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetModelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists model versions, ordered by name then version, one page at a time.
     * </pre>
     */
    default void listModels(dev.arbiter.client.v1.ListModelsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListModelsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListModelsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes one version, or every version of a model when version is 0.
     * </pre>
     */
    default void deleteModel(dev.arbiter.client.v1.DeleteModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteModelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteModelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Replaces the serving configuration of one model version.
     * </pre>
     */
    default void updateModelConfig(dev.arbiter.client.v1.UpdateModelConfigRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UpdateModelConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateModelConfigMethod(), responseObserver);
    }

    /**
     * <pre>
     * Points an alias at a version; the previous target loses it in the same transaction.
     * </pre>
     */
    default void setModelAlias(dev.arbiter.client.v1.SetModelAliasRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetModelAliasResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetModelAliasMethod(), responseObserver);
    }

    /**
     * <pre>
     * Removes an alias.
     * </pre>
     */
    default void deleteModelAlias(dev.arbiter.client.v1.DeleteModelAliasRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteModelAliasResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteModelAliasMethod(), responseObserver);
    }

    /**
     * <pre>
     * Loads a model version onto its desired number of nodes and waits until it is ready.
     * </pre>
     */
    default void loadModel(dev.arbiter.client.v1.LoadModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.LoadModelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLoadModelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Unloads a model version from every node.
     * </pre>
     */
    default void unloadModel(dev.arbiter.client.v1.UnloadModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UnloadModelResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUnloadModelMethod(), responseObserver);
    }

    /**
     * <pre>
     * Request, execution, queue and compute statistics per model version.
     * </pre>
     */
    default void getModelStatistics(dev.arbiter.client.v1.GetModelStatisticsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetModelStatisticsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetModelStatisticsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ModelRegistryService.
   * <pre>
   * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
   * aliases and where they are loaded.
   * </pre>
   */
  public static abstract class ModelRegistryServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ModelRegistryServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ModelRegistryService.
   * <pre>
   * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
   * aliases and where they are loaded.
   * </pre>
   */
  public static final class ModelRegistryServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ModelRegistryServiceStub> {
    private ModelRegistryServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModelRegistryServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModelRegistryServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Uploads a model: the first message carries the metadata, the following ones the artifact's
     * bytes in order. The artifact is stored with its sha256; a model that does not load is
     * rejected here, not at its first request.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RegisterModelRequest> registerModel(
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RegisterModelResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getRegisterModelMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Returns one version of a model (the latest when no version or alias is given).
     * </pre>
     */
    public void getModel(dev.arbiter.client.v1.GetModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetModelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetModelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists model versions, ordered by name then version, one page at a time.
     * </pre>
     */
    public void listModels(dev.arbiter.client.v1.ListModelsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListModelsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListModelsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes one version, or every version of a model when version is 0.
     * </pre>
     */
    public void deleteModel(dev.arbiter.client.v1.DeleteModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteModelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteModelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Replaces the serving configuration of one model version.
     * </pre>
     */
    public void updateModelConfig(dev.arbiter.client.v1.UpdateModelConfigRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UpdateModelConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateModelConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Points an alias at a version; the previous target loses it in the same transaction.
     * </pre>
     */
    public void setModelAlias(dev.arbiter.client.v1.SetModelAliasRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetModelAliasResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetModelAliasMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Removes an alias.
     * </pre>
     */
    public void deleteModelAlias(dev.arbiter.client.v1.DeleteModelAliasRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteModelAliasResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteModelAliasMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Loads a model version onto its desired number of nodes and waits until it is ready.
     * </pre>
     */
    public void loadModel(dev.arbiter.client.v1.LoadModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.LoadModelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLoadModelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Unloads a model version from every node.
     * </pre>
     */
    public void unloadModel(dev.arbiter.client.v1.UnloadModelRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UnloadModelResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUnloadModelMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Request, execution, queue and compute statistics per model version.
     * </pre>
     */
    public void getModelStatistics(dev.arbiter.client.v1.GetModelStatisticsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetModelStatisticsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetModelStatisticsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ModelRegistryService.
   * <pre>
   * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
   * aliases and where they are loaded.
   * </pre>
   */
  public static final class ModelRegistryServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ModelRegistryServiceBlockingV2Stub> {
    private ModelRegistryServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModelRegistryServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModelRegistryServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Uploads a model: the first message carries the metadata, the following ones the artifact's
     * bytes in order. The artifact is stored with its sha256; a model that does not load is
     * rejected here, not at its first request.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.arbiter.client.v1.RegisterModelRequest, dev.arbiter.client.v1.RegisterModelResponse>
        registerModel() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getRegisterModelMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Returns one version of a model (the latest when no version or alias is given).
     * </pre>
     */
    public dev.arbiter.client.v1.GetModelResponse getModel(dev.arbiter.client.v1.GetModelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists model versions, ordered by name then version, one page at a time.
     * </pre>
     */
    public dev.arbiter.client.v1.ListModelsResponse listModels(dev.arbiter.client.v1.ListModelsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListModelsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes one version, or every version of a model when version is 0.
     * </pre>
     */
    public dev.arbiter.client.v1.DeleteModelResponse deleteModel(dev.arbiter.client.v1.DeleteModelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Replaces the serving configuration of one model version.
     * </pre>
     */
    public dev.arbiter.client.v1.UpdateModelConfigResponse updateModelConfig(dev.arbiter.client.v1.UpdateModelConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateModelConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Points an alias at a version; the previous target loses it in the same transaction.
     * </pre>
     */
    public dev.arbiter.client.v1.SetModelAliasResponse setModelAlias(dev.arbiter.client.v1.SetModelAliasRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetModelAliasMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes an alias.
     * </pre>
     */
    public dev.arbiter.client.v1.DeleteModelAliasResponse deleteModelAlias(dev.arbiter.client.v1.DeleteModelAliasRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteModelAliasMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Loads a model version onto its desired number of nodes and waits until it is ready.
     * </pre>
     */
    public dev.arbiter.client.v1.LoadModelResponse loadModel(dev.arbiter.client.v1.LoadModelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLoadModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Unloads a model version from every node.
     * </pre>
     */
    public dev.arbiter.client.v1.UnloadModelResponse unloadModel(dev.arbiter.client.v1.UnloadModelRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUnloadModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Request, execution, queue and compute statistics per model version.
     * </pre>
     */
    public dev.arbiter.client.v1.GetModelStatisticsResponse getModelStatistics(dev.arbiter.client.v1.GetModelStatisticsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetModelStatisticsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ModelRegistryService.
   * <pre>
   * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
   * aliases and where they are loaded.
   * </pre>
   */
  public static final class ModelRegistryServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ModelRegistryServiceBlockingStub> {
    private ModelRegistryServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModelRegistryServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModelRegistryServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one version of a model (the latest when no version or alias is given).
     * </pre>
     */
    public dev.arbiter.client.v1.GetModelResponse getModel(dev.arbiter.client.v1.GetModelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists model versions, ordered by name then version, one page at a time.
     * </pre>
     */
    public dev.arbiter.client.v1.ListModelsResponse listModels(dev.arbiter.client.v1.ListModelsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListModelsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes one version, or every version of a model when version is 0.
     * </pre>
     */
    public dev.arbiter.client.v1.DeleteModelResponse deleteModel(dev.arbiter.client.v1.DeleteModelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Replaces the serving configuration of one model version.
     * </pre>
     */
    public dev.arbiter.client.v1.UpdateModelConfigResponse updateModelConfig(dev.arbiter.client.v1.UpdateModelConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateModelConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Points an alias at a version; the previous target loses it in the same transaction.
     * </pre>
     */
    public dev.arbiter.client.v1.SetModelAliasResponse setModelAlias(dev.arbiter.client.v1.SetModelAliasRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetModelAliasMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes an alias.
     * </pre>
     */
    public dev.arbiter.client.v1.DeleteModelAliasResponse deleteModelAlias(dev.arbiter.client.v1.DeleteModelAliasRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteModelAliasMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Loads a model version onto its desired number of nodes and waits until it is ready.
     * </pre>
     */
    public dev.arbiter.client.v1.LoadModelResponse loadModel(dev.arbiter.client.v1.LoadModelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLoadModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Unloads a model version from every node.
     * </pre>
     */
    public dev.arbiter.client.v1.UnloadModelResponse unloadModel(dev.arbiter.client.v1.UnloadModelRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUnloadModelMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Request, execution, queue and compute statistics per model version.
     * </pre>
     */
    public dev.arbiter.client.v1.GetModelStatisticsResponse getModelStatistics(dev.arbiter.client.v1.GetModelStatisticsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetModelStatisticsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ModelRegistryService.
   * <pre>
   * The model registry: versioned model artifacts of a tenant, their signatures, configuration,
   * aliases and where they are loaded.
   * </pre>
   */
  public static final class ModelRegistryServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ModelRegistryServiceFutureStub> {
    private ModelRegistryServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ModelRegistryServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ModelRegistryServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one version of a model (the latest when no version or alias is given).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetModelResponse> getModel(
        dev.arbiter.client.v1.GetModelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetModelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists model versions, ordered by name then version, one page at a time.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListModelsResponse> listModels(
        dev.arbiter.client.v1.ListModelsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListModelsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes one version, or every version of a model when version is 0.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeleteModelResponse> deleteModel(
        dev.arbiter.client.v1.DeleteModelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteModelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Replaces the serving configuration of one model version.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.UpdateModelConfigResponse> updateModelConfig(
        dev.arbiter.client.v1.UpdateModelConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateModelConfigMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Points an alias at a version; the previous target loses it in the same transaction.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SetModelAliasResponse> setModelAlias(
        dev.arbiter.client.v1.SetModelAliasRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetModelAliasMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Removes an alias.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeleteModelAliasResponse> deleteModelAlias(
        dev.arbiter.client.v1.DeleteModelAliasRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteModelAliasMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Loads a model version onto its desired number of nodes and waits until it is ready.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.LoadModelResponse> loadModel(
        dev.arbiter.client.v1.LoadModelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLoadModelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Unloads a model version from every node.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.UnloadModelResponse> unloadModel(
        dev.arbiter.client.v1.UnloadModelRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUnloadModelMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Request, execution, queue and compute statistics per model version.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetModelStatisticsResponse> getModelStatistics(
        dev.arbiter.client.v1.GetModelStatisticsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetModelStatisticsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_MODEL = 0;
  private static final int METHODID_LIST_MODELS = 1;
  private static final int METHODID_DELETE_MODEL = 2;
  private static final int METHODID_UPDATE_MODEL_CONFIG = 3;
  private static final int METHODID_SET_MODEL_ALIAS = 4;
  private static final int METHODID_DELETE_MODEL_ALIAS = 5;
  private static final int METHODID_LOAD_MODEL = 6;
  private static final int METHODID_UNLOAD_MODEL = 7;
  private static final int METHODID_GET_MODEL_STATISTICS = 8;
  private static final int METHODID_REGISTER_MODEL = 9;

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
        case METHODID_GET_MODEL:
          serviceImpl.getModel((dev.arbiter.client.v1.GetModelRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetModelResponse>) responseObserver);
          break;
        case METHODID_LIST_MODELS:
          serviceImpl.listModels((dev.arbiter.client.v1.ListModelsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListModelsResponse>) responseObserver);
          break;
        case METHODID_DELETE_MODEL:
          serviceImpl.deleteModel((dev.arbiter.client.v1.DeleteModelRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteModelResponse>) responseObserver);
          break;
        case METHODID_UPDATE_MODEL_CONFIG:
          serviceImpl.updateModelConfig((dev.arbiter.client.v1.UpdateModelConfigRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UpdateModelConfigResponse>) responseObserver);
          break;
        case METHODID_SET_MODEL_ALIAS:
          serviceImpl.setModelAlias((dev.arbiter.client.v1.SetModelAliasRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetModelAliasResponse>) responseObserver);
          break;
        case METHODID_DELETE_MODEL_ALIAS:
          serviceImpl.deleteModelAlias((dev.arbiter.client.v1.DeleteModelAliasRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteModelAliasResponse>) responseObserver);
          break;
        case METHODID_LOAD_MODEL:
          serviceImpl.loadModel((dev.arbiter.client.v1.LoadModelRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.LoadModelResponse>) responseObserver);
          break;
        case METHODID_UNLOAD_MODEL:
          serviceImpl.unloadModel((dev.arbiter.client.v1.UnloadModelRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.UnloadModelResponse>) responseObserver);
          break;
        case METHODID_GET_MODEL_STATISTICS:
          serviceImpl.getModelStatistics((dev.arbiter.client.v1.GetModelStatisticsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetModelStatisticsResponse>) responseObserver);
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
        case METHODID_REGISTER_MODEL:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.registerModel(
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RegisterModelResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getRegisterModelMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              dev.arbiter.client.v1.RegisterModelRequest,
              dev.arbiter.client.v1.RegisterModelResponse>(
                service, METHODID_REGISTER_MODEL)))
        .addMethod(
          getGetModelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetModelRequest,
              dev.arbiter.client.v1.GetModelResponse>(
                service, METHODID_GET_MODEL)))
        .addMethod(
          getListModelsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListModelsRequest,
              dev.arbiter.client.v1.ListModelsResponse>(
                service, METHODID_LIST_MODELS)))
        .addMethod(
          getDeleteModelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeleteModelRequest,
              dev.arbiter.client.v1.DeleteModelResponse>(
                service, METHODID_DELETE_MODEL)))
        .addMethod(
          getUpdateModelConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.UpdateModelConfigRequest,
              dev.arbiter.client.v1.UpdateModelConfigResponse>(
                service, METHODID_UPDATE_MODEL_CONFIG)))
        .addMethod(
          getSetModelAliasMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SetModelAliasRequest,
              dev.arbiter.client.v1.SetModelAliasResponse>(
                service, METHODID_SET_MODEL_ALIAS)))
        .addMethod(
          getDeleteModelAliasMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeleteModelAliasRequest,
              dev.arbiter.client.v1.DeleteModelAliasResponse>(
                service, METHODID_DELETE_MODEL_ALIAS)))
        .addMethod(
          getLoadModelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.LoadModelRequest,
              dev.arbiter.client.v1.LoadModelResponse>(
                service, METHODID_LOAD_MODEL)))
        .addMethod(
          getUnloadModelMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.UnloadModelRequest,
              dev.arbiter.client.v1.UnloadModelResponse>(
                service, METHODID_UNLOAD_MODEL)))
        .addMethod(
          getGetModelStatisticsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetModelStatisticsRequest,
              dev.arbiter.client.v1.GetModelStatisticsResponse>(
                service, METHODID_GET_MODEL_STATISTICS)))
        .build();
  }

  private static abstract class ModelRegistryServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ModelRegistryServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Models.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ModelRegistryService");
    }
  }

  private static final class ModelRegistryServiceFileDescriptorSupplier
      extends ModelRegistryServiceBaseDescriptorSupplier {
    ModelRegistryServiceFileDescriptorSupplier() {}
  }

  private static final class ModelRegistryServiceMethodDescriptorSupplier
      extends ModelRegistryServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ModelRegistryServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ModelRegistryServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ModelRegistryServiceFileDescriptorSupplier())
              .addMethod(getRegisterModelMethod())
              .addMethod(getGetModelMethod())
              .addMethod(getListModelsMethod())
              .addMethod(getDeleteModelMethod())
              .addMethod(getUpdateModelConfigMethod())
              .addMethod(getSetModelAliasMethod())
              .addMethod(getDeleteModelAliasMethod())
              .addMethod(getLoadModelMethod())
              .addMethod(getUnloadModelMethod())
              .addMethod(getGetModelStatisticsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
