package dev.arbiter.client.inference;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class GRPCInferenceServiceGrpc {

  private GRPCInferenceServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "inference.GRPCInferenceService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerLiveRequest,
      dev.arbiter.client.inference.ServerLiveResponse> getServerLiveMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ServerLive",
      requestType = dev.arbiter.client.inference.ServerLiveRequest.class,
      responseType = dev.arbiter.client.inference.ServerLiveResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerLiveRequest,
      dev.arbiter.client.inference.ServerLiveResponse> getServerLiveMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerLiveRequest, dev.arbiter.client.inference.ServerLiveResponse> getServerLiveMethod;
    if ((getServerLiveMethod = GRPCInferenceServiceGrpc.getServerLiveMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getServerLiveMethod = GRPCInferenceServiceGrpc.getServerLiveMethod) == null) {
          GRPCInferenceServiceGrpc.getServerLiveMethod = getServerLiveMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ServerLiveRequest, dev.arbiter.client.inference.ServerLiveResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ServerLive"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ServerLiveRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ServerLiveResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ServerLive"))
              .build();
        }
      }
    }
    return getServerLiveMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerReadyRequest,
      dev.arbiter.client.inference.ServerReadyResponse> getServerReadyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ServerReady",
      requestType = dev.arbiter.client.inference.ServerReadyRequest.class,
      responseType = dev.arbiter.client.inference.ServerReadyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerReadyRequest,
      dev.arbiter.client.inference.ServerReadyResponse> getServerReadyMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerReadyRequest, dev.arbiter.client.inference.ServerReadyResponse> getServerReadyMethod;
    if ((getServerReadyMethod = GRPCInferenceServiceGrpc.getServerReadyMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getServerReadyMethod = GRPCInferenceServiceGrpc.getServerReadyMethod) == null) {
          GRPCInferenceServiceGrpc.getServerReadyMethod = getServerReadyMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ServerReadyRequest, dev.arbiter.client.inference.ServerReadyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ServerReady"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ServerReadyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ServerReadyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ServerReady"))
              .build();
        }
      }
    }
    return getServerReadyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelReadyRequest,
      dev.arbiter.client.inference.ModelReadyResponse> getModelReadyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ModelReady",
      requestType = dev.arbiter.client.inference.ModelReadyRequest.class,
      responseType = dev.arbiter.client.inference.ModelReadyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelReadyRequest,
      dev.arbiter.client.inference.ModelReadyResponse> getModelReadyMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelReadyRequest, dev.arbiter.client.inference.ModelReadyResponse> getModelReadyMethod;
    if ((getModelReadyMethod = GRPCInferenceServiceGrpc.getModelReadyMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getModelReadyMethod = GRPCInferenceServiceGrpc.getModelReadyMethod) == null) {
          GRPCInferenceServiceGrpc.getModelReadyMethod = getModelReadyMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ModelReadyRequest, dev.arbiter.client.inference.ModelReadyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ModelReady"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelReadyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelReadyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ModelReady"))
              .build();
        }
      }
    }
    return getModelReadyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerMetadataRequest,
      dev.arbiter.client.inference.ServerMetadataResponse> getServerMetadataMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ServerMetadata",
      requestType = dev.arbiter.client.inference.ServerMetadataRequest.class,
      responseType = dev.arbiter.client.inference.ServerMetadataResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerMetadataRequest,
      dev.arbiter.client.inference.ServerMetadataResponse> getServerMetadataMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ServerMetadataRequest, dev.arbiter.client.inference.ServerMetadataResponse> getServerMetadataMethod;
    if ((getServerMetadataMethod = GRPCInferenceServiceGrpc.getServerMetadataMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getServerMetadataMethod = GRPCInferenceServiceGrpc.getServerMetadataMethod) == null) {
          GRPCInferenceServiceGrpc.getServerMetadataMethod = getServerMetadataMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ServerMetadataRequest, dev.arbiter.client.inference.ServerMetadataResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ServerMetadata"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ServerMetadataRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ServerMetadataResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ServerMetadata"))
              .build();
        }
      }
    }
    return getServerMetadataMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelMetadataRequest,
      dev.arbiter.client.inference.ModelMetadataResponse> getModelMetadataMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ModelMetadata",
      requestType = dev.arbiter.client.inference.ModelMetadataRequest.class,
      responseType = dev.arbiter.client.inference.ModelMetadataResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelMetadataRequest,
      dev.arbiter.client.inference.ModelMetadataResponse> getModelMetadataMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelMetadataRequest, dev.arbiter.client.inference.ModelMetadataResponse> getModelMetadataMethod;
    if ((getModelMetadataMethod = GRPCInferenceServiceGrpc.getModelMetadataMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getModelMetadataMethod = GRPCInferenceServiceGrpc.getModelMetadataMethod) == null) {
          GRPCInferenceServiceGrpc.getModelMetadataMethod = getModelMetadataMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ModelMetadataRequest, dev.arbiter.client.inference.ModelMetadataResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ModelMetadata"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelMetadataRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelMetadataResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ModelMetadata"))
              .build();
        }
      }
    }
    return getModelMetadataMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelInferRequest,
      dev.arbiter.client.inference.ModelInferResponse> getModelInferMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ModelInfer",
      requestType = dev.arbiter.client.inference.ModelInferRequest.class,
      responseType = dev.arbiter.client.inference.ModelInferResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelInferRequest,
      dev.arbiter.client.inference.ModelInferResponse> getModelInferMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelInferRequest, dev.arbiter.client.inference.ModelInferResponse> getModelInferMethod;
    if ((getModelInferMethod = GRPCInferenceServiceGrpc.getModelInferMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getModelInferMethod = GRPCInferenceServiceGrpc.getModelInferMethod) == null) {
          GRPCInferenceServiceGrpc.getModelInferMethod = getModelInferMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ModelInferRequest, dev.arbiter.client.inference.ModelInferResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ModelInfer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelInferRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelInferResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ModelInfer"))
              .build();
        }
      }
    }
    return getModelInferMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelInferRequest,
      dev.arbiter.client.inference.ModelStreamInferResponse> getModelStreamInferMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ModelStreamInfer",
      requestType = dev.arbiter.client.inference.ModelInferRequest.class,
      responseType = dev.arbiter.client.inference.ModelStreamInferResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelInferRequest,
      dev.arbiter.client.inference.ModelStreamInferResponse> getModelStreamInferMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelInferRequest, dev.arbiter.client.inference.ModelStreamInferResponse> getModelStreamInferMethod;
    if ((getModelStreamInferMethod = GRPCInferenceServiceGrpc.getModelStreamInferMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getModelStreamInferMethod = GRPCInferenceServiceGrpc.getModelStreamInferMethod) == null) {
          GRPCInferenceServiceGrpc.getModelStreamInferMethod = getModelStreamInferMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ModelInferRequest, dev.arbiter.client.inference.ModelStreamInferResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ModelStreamInfer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelInferRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelStreamInferResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ModelStreamInfer"))
              .build();
        }
      }
    }
    return getModelStreamInferMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelConfigRequest,
      dev.arbiter.client.inference.ModelConfigResponse> getModelConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ModelConfig",
      requestType = dev.arbiter.client.inference.ModelConfigRequest.class,
      responseType = dev.arbiter.client.inference.ModelConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelConfigRequest,
      dev.arbiter.client.inference.ModelConfigResponse> getModelConfigMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelConfigRequest, dev.arbiter.client.inference.ModelConfigResponse> getModelConfigMethod;
    if ((getModelConfigMethod = GRPCInferenceServiceGrpc.getModelConfigMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getModelConfigMethod = GRPCInferenceServiceGrpc.getModelConfigMethod) == null) {
          GRPCInferenceServiceGrpc.getModelConfigMethod = getModelConfigMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ModelConfigRequest, dev.arbiter.client.inference.ModelConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ModelConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelConfigResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ModelConfig"))
              .build();
        }
      }
    }
    return getModelConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelStatisticsRequest,
      dev.arbiter.client.inference.ModelStatisticsResponse> getModelStatisticsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ModelStatistics",
      requestType = dev.arbiter.client.inference.ModelStatisticsRequest.class,
      responseType = dev.arbiter.client.inference.ModelStatisticsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelStatisticsRequest,
      dev.arbiter.client.inference.ModelStatisticsResponse> getModelStatisticsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.ModelStatisticsRequest, dev.arbiter.client.inference.ModelStatisticsResponse> getModelStatisticsMethod;
    if ((getModelStatisticsMethod = GRPCInferenceServiceGrpc.getModelStatisticsMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getModelStatisticsMethod = GRPCInferenceServiceGrpc.getModelStatisticsMethod) == null) {
          GRPCInferenceServiceGrpc.getModelStatisticsMethod = getModelStatisticsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.ModelStatisticsRequest, dev.arbiter.client.inference.ModelStatisticsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ModelStatistics"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelStatisticsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.ModelStatisticsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("ModelStatistics"))
              .build();
        }
      }
    }
    return getModelStatisticsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryIndexRequest,
      dev.arbiter.client.inference.RepositoryIndexResponse> getRepositoryIndexMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RepositoryIndex",
      requestType = dev.arbiter.client.inference.RepositoryIndexRequest.class,
      responseType = dev.arbiter.client.inference.RepositoryIndexResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryIndexRequest,
      dev.arbiter.client.inference.RepositoryIndexResponse> getRepositoryIndexMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryIndexRequest, dev.arbiter.client.inference.RepositoryIndexResponse> getRepositoryIndexMethod;
    if ((getRepositoryIndexMethod = GRPCInferenceServiceGrpc.getRepositoryIndexMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getRepositoryIndexMethod = GRPCInferenceServiceGrpc.getRepositoryIndexMethod) == null) {
          GRPCInferenceServiceGrpc.getRepositoryIndexMethod = getRepositoryIndexMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.RepositoryIndexRequest, dev.arbiter.client.inference.RepositoryIndexResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RepositoryIndex"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.RepositoryIndexRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.RepositoryIndexResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("RepositoryIndex"))
              .build();
        }
      }
    }
    return getRepositoryIndexMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryModelLoadRequest,
      dev.arbiter.client.inference.RepositoryModelLoadResponse> getRepositoryModelLoadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RepositoryModelLoad",
      requestType = dev.arbiter.client.inference.RepositoryModelLoadRequest.class,
      responseType = dev.arbiter.client.inference.RepositoryModelLoadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryModelLoadRequest,
      dev.arbiter.client.inference.RepositoryModelLoadResponse> getRepositoryModelLoadMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryModelLoadRequest, dev.arbiter.client.inference.RepositoryModelLoadResponse> getRepositoryModelLoadMethod;
    if ((getRepositoryModelLoadMethod = GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getRepositoryModelLoadMethod = GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod) == null) {
          GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod = getRepositoryModelLoadMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.RepositoryModelLoadRequest, dev.arbiter.client.inference.RepositoryModelLoadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RepositoryModelLoad"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.RepositoryModelLoadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.RepositoryModelLoadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("RepositoryModelLoad"))
              .build();
        }
      }
    }
    return getRepositoryModelLoadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryModelUnloadRequest,
      dev.arbiter.client.inference.RepositoryModelUnloadResponse> getRepositoryModelUnloadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RepositoryModelUnload",
      requestType = dev.arbiter.client.inference.RepositoryModelUnloadRequest.class,
      responseType = dev.arbiter.client.inference.RepositoryModelUnloadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryModelUnloadRequest,
      dev.arbiter.client.inference.RepositoryModelUnloadResponse> getRepositoryModelUnloadMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.RepositoryModelUnloadRequest, dev.arbiter.client.inference.RepositoryModelUnloadResponse> getRepositoryModelUnloadMethod;
    if ((getRepositoryModelUnloadMethod = GRPCInferenceServiceGrpc.getRepositoryModelUnloadMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getRepositoryModelUnloadMethod = GRPCInferenceServiceGrpc.getRepositoryModelUnloadMethod) == null) {
          GRPCInferenceServiceGrpc.getRepositoryModelUnloadMethod = getRepositoryModelUnloadMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.RepositoryModelUnloadRequest, dev.arbiter.client.inference.RepositoryModelUnloadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RepositoryModelUnload"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.RepositoryModelUnloadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.RepositoryModelUnloadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("RepositoryModelUnload"))
              .build();
        }
      }
    }
    return getRepositoryModelUnloadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryStatusRequest,
      dev.arbiter.client.inference.SystemSharedMemoryStatusResponse> getSystemSharedMemoryStatusMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SystemSharedMemoryStatus",
      requestType = dev.arbiter.client.inference.SystemSharedMemoryStatusRequest.class,
      responseType = dev.arbiter.client.inference.SystemSharedMemoryStatusResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryStatusRequest,
      dev.arbiter.client.inference.SystemSharedMemoryStatusResponse> getSystemSharedMemoryStatusMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryStatusRequest, dev.arbiter.client.inference.SystemSharedMemoryStatusResponse> getSystemSharedMemoryStatusMethod;
    if ((getSystemSharedMemoryStatusMethod = GRPCInferenceServiceGrpc.getSystemSharedMemoryStatusMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getSystemSharedMemoryStatusMethod = GRPCInferenceServiceGrpc.getSystemSharedMemoryStatusMethod) == null) {
          GRPCInferenceServiceGrpc.getSystemSharedMemoryStatusMethod = getSystemSharedMemoryStatusMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.SystemSharedMemoryStatusRequest, dev.arbiter.client.inference.SystemSharedMemoryStatusResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SystemSharedMemoryStatus"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.SystemSharedMemoryStatusRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.SystemSharedMemoryStatusResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("SystemSharedMemoryStatus"))
              .build();
        }
      }
    }
    return getSystemSharedMemoryStatusMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest,
      dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse> getSystemSharedMemoryRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SystemSharedMemoryRegister",
      requestType = dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest.class,
      responseType = dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest,
      dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse> getSystemSharedMemoryRegisterMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest, dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse> getSystemSharedMemoryRegisterMethod;
    if ((getSystemSharedMemoryRegisterMethod = GRPCInferenceServiceGrpc.getSystemSharedMemoryRegisterMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getSystemSharedMemoryRegisterMethod = GRPCInferenceServiceGrpc.getSystemSharedMemoryRegisterMethod) == null) {
          GRPCInferenceServiceGrpc.getSystemSharedMemoryRegisterMethod = getSystemSharedMemoryRegisterMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest, dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SystemSharedMemoryRegister"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("SystemSharedMemoryRegister"))
              .build();
        }
      }
    }
    return getSystemSharedMemoryRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest,
      dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse> getSystemSharedMemoryUnregisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SystemSharedMemoryUnregister",
      requestType = dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest.class,
      responseType = dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest,
      dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse> getSystemSharedMemoryUnregisterMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest, dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse> getSystemSharedMemoryUnregisterMethod;
    if ((getSystemSharedMemoryUnregisterMethod = GRPCInferenceServiceGrpc.getSystemSharedMemoryUnregisterMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getSystemSharedMemoryUnregisterMethod = GRPCInferenceServiceGrpc.getSystemSharedMemoryUnregisterMethod) == null) {
          GRPCInferenceServiceGrpc.getSystemSharedMemoryUnregisterMethod = getSystemSharedMemoryUnregisterMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest, dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SystemSharedMemoryUnregister"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("SystemSharedMemoryUnregister"))
              .build();
        }
      }
    }
    return getSystemSharedMemoryUnregisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryStatusRequest,
      dev.arbiter.client.inference.CudaSharedMemoryStatusResponse> getCudaSharedMemoryStatusMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CudaSharedMemoryStatus",
      requestType = dev.arbiter.client.inference.CudaSharedMemoryStatusRequest.class,
      responseType = dev.arbiter.client.inference.CudaSharedMemoryStatusResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryStatusRequest,
      dev.arbiter.client.inference.CudaSharedMemoryStatusResponse> getCudaSharedMemoryStatusMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryStatusRequest, dev.arbiter.client.inference.CudaSharedMemoryStatusResponse> getCudaSharedMemoryStatusMethod;
    if ((getCudaSharedMemoryStatusMethod = GRPCInferenceServiceGrpc.getCudaSharedMemoryStatusMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getCudaSharedMemoryStatusMethod = GRPCInferenceServiceGrpc.getCudaSharedMemoryStatusMethod) == null) {
          GRPCInferenceServiceGrpc.getCudaSharedMemoryStatusMethod = getCudaSharedMemoryStatusMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.CudaSharedMemoryStatusRequest, dev.arbiter.client.inference.CudaSharedMemoryStatusResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CudaSharedMemoryStatus"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.CudaSharedMemoryStatusRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.CudaSharedMemoryStatusResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("CudaSharedMemoryStatus"))
              .build();
        }
      }
    }
    return getCudaSharedMemoryStatusMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest,
      dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse> getCudaSharedMemoryRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CudaSharedMemoryRegister",
      requestType = dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest.class,
      responseType = dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest,
      dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse> getCudaSharedMemoryRegisterMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest, dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse> getCudaSharedMemoryRegisterMethod;
    if ((getCudaSharedMemoryRegisterMethod = GRPCInferenceServiceGrpc.getCudaSharedMemoryRegisterMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getCudaSharedMemoryRegisterMethod = GRPCInferenceServiceGrpc.getCudaSharedMemoryRegisterMethod) == null) {
          GRPCInferenceServiceGrpc.getCudaSharedMemoryRegisterMethod = getCudaSharedMemoryRegisterMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest, dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CudaSharedMemoryRegister"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("CudaSharedMemoryRegister"))
              .build();
        }
      }
    }
    return getCudaSharedMemoryRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest,
      dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse> getCudaSharedMemoryUnregisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CudaSharedMemoryUnregister",
      requestType = dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest.class,
      responseType = dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest,
      dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse> getCudaSharedMemoryUnregisterMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest, dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse> getCudaSharedMemoryUnregisterMethod;
    if ((getCudaSharedMemoryUnregisterMethod = GRPCInferenceServiceGrpc.getCudaSharedMemoryUnregisterMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getCudaSharedMemoryUnregisterMethod = GRPCInferenceServiceGrpc.getCudaSharedMemoryUnregisterMethod) == null) {
          GRPCInferenceServiceGrpc.getCudaSharedMemoryUnregisterMethod = getCudaSharedMemoryUnregisterMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest, dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CudaSharedMemoryUnregister"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("CudaSharedMemoryUnregister"))
              .build();
        }
      }
    }
    return getCudaSharedMemoryUnregisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.TraceSettingRequest,
      dev.arbiter.client.inference.TraceSettingResponse> getTraceSettingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "TraceSetting",
      requestType = dev.arbiter.client.inference.TraceSettingRequest.class,
      responseType = dev.arbiter.client.inference.TraceSettingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.TraceSettingRequest,
      dev.arbiter.client.inference.TraceSettingResponse> getTraceSettingMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.TraceSettingRequest, dev.arbiter.client.inference.TraceSettingResponse> getTraceSettingMethod;
    if ((getTraceSettingMethod = GRPCInferenceServiceGrpc.getTraceSettingMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getTraceSettingMethod = GRPCInferenceServiceGrpc.getTraceSettingMethod) == null) {
          GRPCInferenceServiceGrpc.getTraceSettingMethod = getTraceSettingMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.TraceSettingRequest, dev.arbiter.client.inference.TraceSettingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "TraceSetting"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.TraceSettingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.TraceSettingResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("TraceSetting"))
              .build();
        }
      }
    }
    return getTraceSettingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.inference.LogSettingsRequest,
      dev.arbiter.client.inference.LogSettingsResponse> getLogSettingsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LogSettings",
      requestType = dev.arbiter.client.inference.LogSettingsRequest.class,
      responseType = dev.arbiter.client.inference.LogSettingsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.inference.LogSettingsRequest,
      dev.arbiter.client.inference.LogSettingsResponse> getLogSettingsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.inference.LogSettingsRequest, dev.arbiter.client.inference.LogSettingsResponse> getLogSettingsMethod;
    if ((getLogSettingsMethod = GRPCInferenceServiceGrpc.getLogSettingsMethod) == null) {
      synchronized (GRPCInferenceServiceGrpc.class) {
        if ((getLogSettingsMethod = GRPCInferenceServiceGrpc.getLogSettingsMethod) == null) {
          GRPCInferenceServiceGrpc.getLogSettingsMethod = getLogSettingsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.inference.LogSettingsRequest, dev.arbiter.client.inference.LogSettingsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LogSettings"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.LogSettingsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.inference.LogSettingsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new GRPCInferenceServiceMethodDescriptorSupplier("LogSettings"))
              .build();
        }
      }
    }
    return getLogSettingsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static GRPCInferenceServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceStub>() {
        @java.lang.Override
        public GRPCInferenceServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new GRPCInferenceServiceStub(channel, callOptions);
        }
      };
    return GRPCInferenceServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static GRPCInferenceServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceBlockingV2Stub>() {
        @java.lang.Override
        public GRPCInferenceServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new GRPCInferenceServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return GRPCInferenceServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static GRPCInferenceServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceBlockingStub>() {
        @java.lang.Override
        public GRPCInferenceServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new GRPCInferenceServiceBlockingStub(channel, callOptions);
        }
      };
    return GRPCInferenceServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static GRPCInferenceServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<GRPCInferenceServiceFutureStub>() {
        @java.lang.Override
        public GRPCInferenceServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new GRPCInferenceServiceFutureStub(channel, callOptions);
        }
      };
    return GRPCInferenceServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Whether the server process is up (liveness probe).
     * </pre>
     */
    default void serverLive(dev.arbiter.client.inference.ServerLiveRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerLiveResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getServerLiveMethod(), responseObserver);
    }

    /**
     * <pre>
     * Whether the server accepts inference requests (readiness probe).
     * </pre>
     */
    default void serverReady(dev.arbiter.client.inference.ServerReadyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerReadyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getServerReadyMethod(), responseObserver);
    }

    /**
     * <pre>
     * Whether one model (optionally one version) can serve requests now.
     * </pre>
     */
    default void modelReady(dev.arbiter.client.inference.ModelReadyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelReadyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getModelReadyMethod(), responseObserver);
    }

    /**
     * <pre>
     * Server name, version and the protocol extensions it implements.
     * </pre>
     */
    default void serverMetadata(dev.arbiter.client.inference.ServerMetadataRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerMetadataResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getServerMetadataMethod(), responseObserver);
    }

    /**
     * <pre>
     * Versions, platform and tensor signature of a model.
     * </pre>
     */
    default void modelMetadata(dev.arbiter.client.inference.ModelMetadataRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelMetadataResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getModelMetadataMethod(), responseObserver);
    }

    /**
     * <pre>
     * One inference request, one response.
     * </pre>
     */
    default void modelInfer(dev.arbiter.client.inference.ModelInferRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelInferResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getModelInferMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: many requests on one stream; a request may yield zero or more responses, and
     * a failed request is reported in-band through error_message without closing the stream.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelInferRequest> modelStreamInfer(
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelStreamInferResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getModelStreamInferMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: the model's configuration in Triton's model_config schema.
     * </pre>
     */
    default void modelConfig(dev.arbiter.client.inference.ModelConfigRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getModelConfigMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("statistics"): cumulative per model/version counters and durations.
     * </pre>
     */
    default void modelStatistics(dev.arbiter.client.inference.ModelStatisticsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelStatisticsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getModelStatisticsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): the models the server knows and their states.
     * </pre>
     */
    default void repositoryIndex(dev.arbiter.client.inference.RepositoryIndexRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryIndexResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRepositoryIndexMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): load, or reload, a model.
     * </pre>
     */
    default void repositoryModelLoad(dev.arbiter.client.inference.RepositoryModelLoadRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryModelLoadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRepositoryModelLoadMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): unload a model.
     * </pre>
     */
    default void repositoryModelUnload(dev.arbiter.client.inference.RepositoryModelUnloadRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryModelUnloadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRepositoryModelUnloadMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: status of registered POSIX shared-memory regions.
     * </pre>
     */
    default void systemSharedMemoryStatus(dev.arbiter.client.inference.SystemSharedMemoryStatusRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryStatusResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSystemSharedMemoryStatusMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: register a POSIX shared-memory region for tensor data.
     * </pre>
     */
    default void systemSharedMemoryRegister(dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSystemSharedMemoryRegisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) POSIX shared-memory region.
     * </pre>
     */
    default void systemSharedMemoryUnregister(dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSystemSharedMemoryUnregisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: status of registered CUDA IPC memory regions.
     * </pre>
     */
    default void cudaSharedMemoryStatus(dev.arbiter.client.inference.CudaSharedMemoryStatusRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryStatusResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCudaSharedMemoryStatusMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: register a CUDA IPC memory region for tensor data.
     * </pre>
     */
    default void cudaSharedMemoryRegister(dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCudaSharedMemoryRegisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) CUDA IPC memory region.
     * </pre>
     */
    default void cudaSharedMemoryUnregister(dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCudaSharedMemoryUnregisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: read and update tracing settings, globally or for one model.
     * </pre>
     */
    default void traceSetting(dev.arbiter.client.inference.TraceSettingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.TraceSettingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTraceSettingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: read and update logging settings.
     * </pre>
     */
    default void logSettings(dev.arbiter.client.inference.LogSettingsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.LogSettingsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLogSettingsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service GRPCInferenceService.
   * <pre>
   * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
   * </pre>
   */
  public static abstract class GRPCInferenceServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return GRPCInferenceServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service GRPCInferenceService.
   * <pre>
   * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
   * </pre>
   */
  public static final class GRPCInferenceServiceStub
      extends io.grpc.stub.AbstractAsyncStub<GRPCInferenceServiceStub> {
    private GRPCInferenceServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected GRPCInferenceServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new GRPCInferenceServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Whether the server process is up (liveness probe).
     * </pre>
     */
    public void serverLive(dev.arbiter.client.inference.ServerLiveRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerLiveResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getServerLiveMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Whether the server accepts inference requests (readiness probe).
     * </pre>
     */
    public void serverReady(dev.arbiter.client.inference.ServerReadyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerReadyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getServerReadyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Whether one model (optionally one version) can serve requests now.
     * </pre>
     */
    public void modelReady(dev.arbiter.client.inference.ModelReadyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelReadyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getModelReadyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Server name, version and the protocol extensions it implements.
     * </pre>
     */
    public void serverMetadata(dev.arbiter.client.inference.ServerMetadataRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerMetadataResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getServerMetadataMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Versions, platform and tensor signature of a model.
     * </pre>
     */
    public void modelMetadata(dev.arbiter.client.inference.ModelMetadataRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelMetadataResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getModelMetadataMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One inference request, one response.
     * </pre>
     */
    public void modelInfer(dev.arbiter.client.inference.ModelInferRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelInferResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getModelInferMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: many requests on one stream; a request may yield zero or more responses, and
     * a failed request is reported in-band through error_message without closing the stream.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelInferRequest> modelStreamInfer(
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelStreamInferResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getModelStreamInferMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Triton extension: the model's configuration in Triton's model_config schema.
     * </pre>
     */
    public void modelConfig(dev.arbiter.client.inference.ModelConfigRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getModelConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("statistics"): cumulative per model/version counters and durations.
     * </pre>
     */
    public void modelStatistics(dev.arbiter.client.inference.ModelStatisticsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelStatisticsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getModelStatisticsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): the models the server knows and their states.
     * </pre>
     */
    public void repositoryIndex(dev.arbiter.client.inference.RepositoryIndexRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryIndexResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRepositoryIndexMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): load, or reload, a model.
     * </pre>
     */
    public void repositoryModelLoad(dev.arbiter.client.inference.RepositoryModelLoadRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryModelLoadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRepositoryModelLoadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): unload a model.
     * </pre>
     */
    public void repositoryModelUnload(dev.arbiter.client.inference.RepositoryModelUnloadRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryModelUnloadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRepositoryModelUnloadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: status of registered POSIX shared-memory regions.
     * </pre>
     */
    public void systemSharedMemoryStatus(dev.arbiter.client.inference.SystemSharedMemoryStatusRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryStatusResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSystemSharedMemoryStatusMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: register a POSIX shared-memory region for tensor data.
     * </pre>
     */
    public void systemSharedMemoryRegister(dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSystemSharedMemoryRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) POSIX shared-memory region.
     * </pre>
     */
    public void systemSharedMemoryUnregister(dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSystemSharedMemoryUnregisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: status of registered CUDA IPC memory regions.
     * </pre>
     */
    public void cudaSharedMemoryStatus(dev.arbiter.client.inference.CudaSharedMemoryStatusRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryStatusResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCudaSharedMemoryStatusMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: register a CUDA IPC memory region for tensor data.
     * </pre>
     */
    public void cudaSharedMemoryRegister(dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCudaSharedMemoryRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) CUDA IPC memory region.
     * </pre>
     */
    public void cudaSharedMemoryUnregister(dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCudaSharedMemoryUnregisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: read and update tracing settings, globally or for one model.
     * </pre>
     */
    public void traceSetting(dev.arbiter.client.inference.TraceSettingRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.TraceSettingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTraceSettingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Triton extension: read and update logging settings.
     * </pre>
     */
    public void logSettings(dev.arbiter.client.inference.LogSettingsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.inference.LogSettingsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLogSettingsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service GRPCInferenceService.
   * <pre>
   * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
   * </pre>
   */
  public static final class GRPCInferenceServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<GRPCInferenceServiceBlockingV2Stub> {
    private GRPCInferenceServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected GRPCInferenceServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new GRPCInferenceServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Whether the server process is up (liveness probe).
     * </pre>
     */
    public dev.arbiter.client.inference.ServerLiveResponse serverLive(dev.arbiter.client.inference.ServerLiveRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getServerLiveMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Whether the server accepts inference requests (readiness probe).
     * </pre>
     */
    public dev.arbiter.client.inference.ServerReadyResponse serverReady(dev.arbiter.client.inference.ServerReadyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getServerReadyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Whether one model (optionally one version) can serve requests now.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelReadyResponse modelReady(dev.arbiter.client.inference.ModelReadyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getModelReadyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Server name, version and the protocol extensions it implements.
     * </pre>
     */
    public dev.arbiter.client.inference.ServerMetadataResponse serverMetadata(dev.arbiter.client.inference.ServerMetadataRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getServerMetadataMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Versions, platform and tensor signature of a model.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelMetadataResponse modelMetadata(dev.arbiter.client.inference.ModelMetadataRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getModelMetadataMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One inference request, one response.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelInferResponse modelInfer(dev.arbiter.client.inference.ModelInferRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getModelInferMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: many requests on one stream; a request may yield zero or more responses, and
     * a failed request is reported in-band through error_message without closing the stream.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.arbiter.client.inference.ModelInferRequest, dev.arbiter.client.inference.ModelStreamInferResponse>
        modelStreamInfer() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getModelStreamInferMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Triton extension: the model's configuration in Triton's model_config schema.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelConfigResponse modelConfig(dev.arbiter.client.inference.ModelConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getModelConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("statistics"): cumulative per model/version counters and durations.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelStatisticsResponse modelStatistics(dev.arbiter.client.inference.ModelStatisticsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getModelStatisticsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): the models the server knows and their states.
     * </pre>
     */
    public dev.arbiter.client.inference.RepositoryIndexResponse repositoryIndex(dev.arbiter.client.inference.RepositoryIndexRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRepositoryIndexMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): load, or reload, a model.
     * </pre>
     */
    public dev.arbiter.client.inference.RepositoryModelLoadResponse repositoryModelLoad(dev.arbiter.client.inference.RepositoryModelLoadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRepositoryModelLoadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): unload a model.
     * </pre>
     */
    public dev.arbiter.client.inference.RepositoryModelUnloadResponse repositoryModelUnload(dev.arbiter.client.inference.RepositoryModelUnloadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRepositoryModelUnloadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: status of registered POSIX shared-memory regions.
     * </pre>
     */
    public dev.arbiter.client.inference.SystemSharedMemoryStatusResponse systemSharedMemoryStatus(dev.arbiter.client.inference.SystemSharedMemoryStatusRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSystemSharedMemoryStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: register a POSIX shared-memory region for tensor data.
     * </pre>
     */
    public dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse systemSharedMemoryRegister(dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSystemSharedMemoryRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) POSIX shared-memory region.
     * </pre>
     */
    public dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse systemSharedMemoryUnregister(dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSystemSharedMemoryUnregisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: status of registered CUDA IPC memory regions.
     * </pre>
     */
    public dev.arbiter.client.inference.CudaSharedMemoryStatusResponse cudaSharedMemoryStatus(dev.arbiter.client.inference.CudaSharedMemoryStatusRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCudaSharedMemoryStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: register a CUDA IPC memory region for tensor data.
     * </pre>
     */
    public dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse cudaSharedMemoryRegister(dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCudaSharedMemoryRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) CUDA IPC memory region.
     * </pre>
     */
    public dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse cudaSharedMemoryUnregister(dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCudaSharedMemoryUnregisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: read and update tracing settings, globally or for one model.
     * </pre>
     */
    public dev.arbiter.client.inference.TraceSettingResponse traceSetting(dev.arbiter.client.inference.TraceSettingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTraceSettingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: read and update logging settings.
     * </pre>
     */
    public dev.arbiter.client.inference.LogSettingsResponse logSettings(dev.arbiter.client.inference.LogSettingsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLogSettingsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service GRPCInferenceService.
   * <pre>
   * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
   * </pre>
   */
  public static final class GRPCInferenceServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<GRPCInferenceServiceBlockingStub> {
    private GRPCInferenceServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected GRPCInferenceServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new GRPCInferenceServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Whether the server process is up (liveness probe).
     * </pre>
     */
    public dev.arbiter.client.inference.ServerLiveResponse serverLive(dev.arbiter.client.inference.ServerLiveRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getServerLiveMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Whether the server accepts inference requests (readiness probe).
     * </pre>
     */
    public dev.arbiter.client.inference.ServerReadyResponse serverReady(dev.arbiter.client.inference.ServerReadyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getServerReadyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Whether one model (optionally one version) can serve requests now.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelReadyResponse modelReady(dev.arbiter.client.inference.ModelReadyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getModelReadyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Server name, version and the protocol extensions it implements.
     * </pre>
     */
    public dev.arbiter.client.inference.ServerMetadataResponse serverMetadata(dev.arbiter.client.inference.ServerMetadataRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getServerMetadataMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Versions, platform and tensor signature of a model.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelMetadataResponse modelMetadata(dev.arbiter.client.inference.ModelMetadataRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getModelMetadataMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One inference request, one response.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelInferResponse modelInfer(dev.arbiter.client.inference.ModelInferRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getModelInferMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: the model's configuration in Triton's model_config schema.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelConfigResponse modelConfig(dev.arbiter.client.inference.ModelConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getModelConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("statistics"): cumulative per model/version counters and durations.
     * </pre>
     */
    public dev.arbiter.client.inference.ModelStatisticsResponse modelStatistics(dev.arbiter.client.inference.ModelStatisticsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getModelStatisticsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): the models the server knows and their states.
     * </pre>
     */
    public dev.arbiter.client.inference.RepositoryIndexResponse repositoryIndex(dev.arbiter.client.inference.RepositoryIndexRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRepositoryIndexMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): load, or reload, a model.
     * </pre>
     */
    public dev.arbiter.client.inference.RepositoryModelLoadResponse repositoryModelLoad(dev.arbiter.client.inference.RepositoryModelLoadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRepositoryModelLoadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): unload a model.
     * </pre>
     */
    public dev.arbiter.client.inference.RepositoryModelUnloadResponse repositoryModelUnload(dev.arbiter.client.inference.RepositoryModelUnloadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRepositoryModelUnloadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: status of registered POSIX shared-memory regions.
     * </pre>
     */
    public dev.arbiter.client.inference.SystemSharedMemoryStatusResponse systemSharedMemoryStatus(dev.arbiter.client.inference.SystemSharedMemoryStatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSystemSharedMemoryStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: register a POSIX shared-memory region for tensor data.
     * </pre>
     */
    public dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse systemSharedMemoryRegister(dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSystemSharedMemoryRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) POSIX shared-memory region.
     * </pre>
     */
    public dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse systemSharedMemoryUnregister(dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSystemSharedMemoryUnregisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: status of registered CUDA IPC memory regions.
     * </pre>
     */
    public dev.arbiter.client.inference.CudaSharedMemoryStatusResponse cudaSharedMemoryStatus(dev.arbiter.client.inference.CudaSharedMemoryStatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCudaSharedMemoryStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: register a CUDA IPC memory region for tensor data.
     * </pre>
     */
    public dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse cudaSharedMemoryRegister(dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCudaSharedMemoryRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) CUDA IPC memory region.
     * </pre>
     */
    public dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse cudaSharedMemoryUnregister(dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCudaSharedMemoryUnregisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: read and update tracing settings, globally or for one model.
     * </pre>
     */
    public dev.arbiter.client.inference.TraceSettingResponse traceSetting(dev.arbiter.client.inference.TraceSettingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTraceSettingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Triton extension: read and update logging settings.
     * </pre>
     */
    public dev.arbiter.client.inference.LogSettingsResponse logSettings(dev.arbiter.client.inference.LogSettingsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLogSettingsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service GRPCInferenceService.
   * <pre>
   * Served at /inference.GRPCInferenceService/&lt;method&gt;. Failures are plain gRPC status codes.
   * </pre>
   */
  public static final class GRPCInferenceServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<GRPCInferenceServiceFutureStub> {
    private GRPCInferenceServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected GRPCInferenceServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new GRPCInferenceServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Whether the server process is up (liveness probe).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ServerLiveResponse> serverLive(
        dev.arbiter.client.inference.ServerLiveRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getServerLiveMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Whether the server accepts inference requests (readiness probe).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ServerReadyResponse> serverReady(
        dev.arbiter.client.inference.ServerReadyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getServerReadyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Whether one model (optionally one version) can serve requests now.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ModelReadyResponse> modelReady(
        dev.arbiter.client.inference.ModelReadyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getModelReadyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Server name, version and the protocol extensions it implements.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ServerMetadataResponse> serverMetadata(
        dev.arbiter.client.inference.ServerMetadataRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getServerMetadataMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Versions, platform and tensor signature of a model.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ModelMetadataResponse> modelMetadata(
        dev.arbiter.client.inference.ModelMetadataRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getModelMetadataMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One inference request, one response.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ModelInferResponse> modelInfer(
        dev.arbiter.client.inference.ModelInferRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getModelInferMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: the model's configuration in Triton's model_config schema.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ModelConfigResponse> modelConfig(
        dev.arbiter.client.inference.ModelConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getModelConfigMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension ("statistics"): cumulative per model/version counters and durations.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.ModelStatisticsResponse> modelStatistics(
        dev.arbiter.client.inference.ModelStatisticsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getModelStatisticsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): the models the server knows and their states.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.RepositoryIndexResponse> repositoryIndex(
        dev.arbiter.client.inference.RepositoryIndexRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRepositoryIndexMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): load, or reload, a model.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.RepositoryModelLoadResponse> repositoryModelLoad(
        dev.arbiter.client.inference.RepositoryModelLoadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRepositoryModelLoadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension ("model_repository"): unload a model.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.RepositoryModelUnloadResponse> repositoryModelUnload(
        dev.arbiter.client.inference.RepositoryModelUnloadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRepositoryModelUnloadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: status of registered POSIX shared-memory regions.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.SystemSharedMemoryStatusResponse> systemSharedMemoryStatus(
        dev.arbiter.client.inference.SystemSharedMemoryStatusRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSystemSharedMemoryStatusMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: register a POSIX shared-memory region for tensor data.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse> systemSharedMemoryRegister(
        dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSystemSharedMemoryRegisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) POSIX shared-memory region.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse> systemSharedMemoryUnregister(
        dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSystemSharedMemoryUnregisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: status of registered CUDA IPC memory regions.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.CudaSharedMemoryStatusResponse> cudaSharedMemoryStatus(
        dev.arbiter.client.inference.CudaSharedMemoryStatusRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCudaSharedMemoryStatusMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: register a CUDA IPC memory region for tensor data.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse> cudaSharedMemoryRegister(
        dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCudaSharedMemoryRegisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: unregister one (or, with an empty name, every) CUDA IPC memory region.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse> cudaSharedMemoryUnregister(
        dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCudaSharedMemoryUnregisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: read and update tracing settings, globally or for one model.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.TraceSettingResponse> traceSetting(
        dev.arbiter.client.inference.TraceSettingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTraceSettingMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Triton extension: read and update logging settings.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.inference.LogSettingsResponse> logSettings(
        dev.arbiter.client.inference.LogSettingsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLogSettingsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SERVER_LIVE = 0;
  private static final int METHODID_SERVER_READY = 1;
  private static final int METHODID_MODEL_READY = 2;
  private static final int METHODID_SERVER_METADATA = 3;
  private static final int METHODID_MODEL_METADATA = 4;
  private static final int METHODID_MODEL_INFER = 5;
  private static final int METHODID_MODEL_CONFIG = 6;
  private static final int METHODID_MODEL_STATISTICS = 7;
  private static final int METHODID_REPOSITORY_INDEX = 8;
  private static final int METHODID_REPOSITORY_MODEL_LOAD = 9;
  private static final int METHODID_REPOSITORY_MODEL_UNLOAD = 10;
  private static final int METHODID_SYSTEM_SHARED_MEMORY_STATUS = 11;
  private static final int METHODID_SYSTEM_SHARED_MEMORY_REGISTER = 12;
  private static final int METHODID_SYSTEM_SHARED_MEMORY_UNREGISTER = 13;
  private static final int METHODID_CUDA_SHARED_MEMORY_STATUS = 14;
  private static final int METHODID_CUDA_SHARED_MEMORY_REGISTER = 15;
  private static final int METHODID_CUDA_SHARED_MEMORY_UNREGISTER = 16;
  private static final int METHODID_TRACE_SETTING = 17;
  private static final int METHODID_LOG_SETTINGS = 18;
  private static final int METHODID_MODEL_STREAM_INFER = 19;

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
        case METHODID_SERVER_LIVE:
          serviceImpl.serverLive((dev.arbiter.client.inference.ServerLiveRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerLiveResponse>) responseObserver);
          break;
        case METHODID_SERVER_READY:
          serviceImpl.serverReady((dev.arbiter.client.inference.ServerReadyRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerReadyResponse>) responseObserver);
          break;
        case METHODID_MODEL_READY:
          serviceImpl.modelReady((dev.arbiter.client.inference.ModelReadyRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelReadyResponse>) responseObserver);
          break;
        case METHODID_SERVER_METADATA:
          serviceImpl.serverMetadata((dev.arbiter.client.inference.ServerMetadataRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ServerMetadataResponse>) responseObserver);
          break;
        case METHODID_MODEL_METADATA:
          serviceImpl.modelMetadata((dev.arbiter.client.inference.ModelMetadataRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelMetadataResponse>) responseObserver);
          break;
        case METHODID_MODEL_INFER:
          serviceImpl.modelInfer((dev.arbiter.client.inference.ModelInferRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelInferResponse>) responseObserver);
          break;
        case METHODID_MODEL_CONFIG:
          serviceImpl.modelConfig((dev.arbiter.client.inference.ModelConfigRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelConfigResponse>) responseObserver);
          break;
        case METHODID_MODEL_STATISTICS:
          serviceImpl.modelStatistics((dev.arbiter.client.inference.ModelStatisticsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelStatisticsResponse>) responseObserver);
          break;
        case METHODID_REPOSITORY_INDEX:
          serviceImpl.repositoryIndex((dev.arbiter.client.inference.RepositoryIndexRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryIndexResponse>) responseObserver);
          break;
        case METHODID_REPOSITORY_MODEL_LOAD:
          serviceImpl.repositoryModelLoad((dev.arbiter.client.inference.RepositoryModelLoadRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryModelLoadResponse>) responseObserver);
          break;
        case METHODID_REPOSITORY_MODEL_UNLOAD:
          serviceImpl.repositoryModelUnload((dev.arbiter.client.inference.RepositoryModelUnloadRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.RepositoryModelUnloadResponse>) responseObserver);
          break;
        case METHODID_SYSTEM_SHARED_MEMORY_STATUS:
          serviceImpl.systemSharedMemoryStatus((dev.arbiter.client.inference.SystemSharedMemoryStatusRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryStatusResponse>) responseObserver);
          break;
        case METHODID_SYSTEM_SHARED_MEMORY_REGISTER:
          serviceImpl.systemSharedMemoryRegister((dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse>) responseObserver);
          break;
        case METHODID_SYSTEM_SHARED_MEMORY_UNREGISTER:
          serviceImpl.systemSharedMemoryUnregister((dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse>) responseObserver);
          break;
        case METHODID_CUDA_SHARED_MEMORY_STATUS:
          serviceImpl.cudaSharedMemoryStatus((dev.arbiter.client.inference.CudaSharedMemoryStatusRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryStatusResponse>) responseObserver);
          break;
        case METHODID_CUDA_SHARED_MEMORY_REGISTER:
          serviceImpl.cudaSharedMemoryRegister((dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse>) responseObserver);
          break;
        case METHODID_CUDA_SHARED_MEMORY_UNREGISTER:
          serviceImpl.cudaSharedMemoryUnregister((dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse>) responseObserver);
          break;
        case METHODID_TRACE_SETTING:
          serviceImpl.traceSetting((dev.arbiter.client.inference.TraceSettingRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.TraceSettingResponse>) responseObserver);
          break;
        case METHODID_LOG_SETTINGS:
          serviceImpl.logSettings((dev.arbiter.client.inference.LogSettingsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.LogSettingsResponse>) responseObserver);
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
        case METHODID_MODEL_STREAM_INFER:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.modelStreamInfer(
              (io.grpc.stub.StreamObserver<dev.arbiter.client.inference.ModelStreamInferResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getServerLiveMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ServerLiveRequest,
              dev.arbiter.client.inference.ServerLiveResponse>(
                service, METHODID_SERVER_LIVE)))
        .addMethod(
          getServerReadyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ServerReadyRequest,
              dev.arbiter.client.inference.ServerReadyResponse>(
                service, METHODID_SERVER_READY)))
        .addMethod(
          getModelReadyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ModelReadyRequest,
              dev.arbiter.client.inference.ModelReadyResponse>(
                service, METHODID_MODEL_READY)))
        .addMethod(
          getServerMetadataMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ServerMetadataRequest,
              dev.arbiter.client.inference.ServerMetadataResponse>(
                service, METHODID_SERVER_METADATA)))
        .addMethod(
          getModelMetadataMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ModelMetadataRequest,
              dev.arbiter.client.inference.ModelMetadataResponse>(
                service, METHODID_MODEL_METADATA)))
        .addMethod(
          getModelInferMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ModelInferRequest,
              dev.arbiter.client.inference.ModelInferResponse>(
                service, METHODID_MODEL_INFER)))
        .addMethod(
          getModelStreamInferMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ModelInferRequest,
              dev.arbiter.client.inference.ModelStreamInferResponse>(
                service, METHODID_MODEL_STREAM_INFER)))
        .addMethod(
          getModelConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ModelConfigRequest,
              dev.arbiter.client.inference.ModelConfigResponse>(
                service, METHODID_MODEL_CONFIG)))
        .addMethod(
          getModelStatisticsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.ModelStatisticsRequest,
              dev.arbiter.client.inference.ModelStatisticsResponse>(
                service, METHODID_MODEL_STATISTICS)))
        .addMethod(
          getRepositoryIndexMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.RepositoryIndexRequest,
              dev.arbiter.client.inference.RepositoryIndexResponse>(
                service, METHODID_REPOSITORY_INDEX)))
        .addMethod(
          getRepositoryModelLoadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.RepositoryModelLoadRequest,
              dev.arbiter.client.inference.RepositoryModelLoadResponse>(
                service, METHODID_REPOSITORY_MODEL_LOAD)))
        .addMethod(
          getRepositoryModelUnloadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.RepositoryModelUnloadRequest,
              dev.arbiter.client.inference.RepositoryModelUnloadResponse>(
                service, METHODID_REPOSITORY_MODEL_UNLOAD)))
        .addMethod(
          getSystemSharedMemoryStatusMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.SystemSharedMemoryStatusRequest,
              dev.arbiter.client.inference.SystemSharedMemoryStatusResponse>(
                service, METHODID_SYSTEM_SHARED_MEMORY_STATUS)))
        .addMethod(
          getSystemSharedMemoryRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.SystemSharedMemoryRegisterRequest,
              dev.arbiter.client.inference.SystemSharedMemoryRegisterResponse>(
                service, METHODID_SYSTEM_SHARED_MEMORY_REGISTER)))
        .addMethod(
          getSystemSharedMemoryUnregisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.SystemSharedMemoryUnregisterRequest,
              dev.arbiter.client.inference.SystemSharedMemoryUnregisterResponse>(
                service, METHODID_SYSTEM_SHARED_MEMORY_UNREGISTER)))
        .addMethod(
          getCudaSharedMemoryStatusMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.CudaSharedMemoryStatusRequest,
              dev.arbiter.client.inference.CudaSharedMemoryStatusResponse>(
                service, METHODID_CUDA_SHARED_MEMORY_STATUS)))
        .addMethod(
          getCudaSharedMemoryRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.CudaSharedMemoryRegisterRequest,
              dev.arbiter.client.inference.CudaSharedMemoryRegisterResponse>(
                service, METHODID_CUDA_SHARED_MEMORY_REGISTER)))
        .addMethod(
          getCudaSharedMemoryUnregisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.CudaSharedMemoryUnregisterRequest,
              dev.arbiter.client.inference.CudaSharedMemoryUnregisterResponse>(
                service, METHODID_CUDA_SHARED_MEMORY_UNREGISTER)))
        .addMethod(
          getTraceSettingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.TraceSettingRequest,
              dev.arbiter.client.inference.TraceSettingResponse>(
                service, METHODID_TRACE_SETTING)))
        .addMethod(
          getLogSettingsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.inference.LogSettingsRequest,
              dev.arbiter.client.inference.LogSettingsResponse>(
                service, METHODID_LOG_SETTINGS)))
        .build();
  }

  private static abstract class GRPCInferenceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    GRPCInferenceServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.inference.GrpcServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("GRPCInferenceService");
    }
  }

  private static final class GRPCInferenceServiceFileDescriptorSupplier
      extends GRPCInferenceServiceBaseDescriptorSupplier {
    GRPCInferenceServiceFileDescriptorSupplier() {}
  }

  private static final class GRPCInferenceServiceMethodDescriptorSupplier
      extends GRPCInferenceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    GRPCInferenceServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (GRPCInferenceServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new GRPCInferenceServiceFileDescriptorSupplier())
              .addMethod(getServerLiveMethod())
              .addMethod(getServerReadyMethod())
              .addMethod(getModelReadyMethod())
              .addMethod(getServerMetadataMethod())
              .addMethod(getModelMetadataMethod())
              .addMethod(getModelInferMethod())
              .addMethod(getModelStreamInferMethod())
              .addMethod(getModelConfigMethod())
              .addMethod(getModelStatisticsMethod())
              .addMethod(getRepositoryIndexMethod())
              .addMethod(getRepositoryModelLoadMethod())
              .addMethod(getRepositoryModelUnloadMethod())
              .addMethod(getSystemSharedMemoryStatusMethod())
              .addMethod(getSystemSharedMemoryRegisterMethod())
              .addMethod(getSystemSharedMemoryUnregisterMethod())
              .addMethod(getCudaSharedMemoryStatusMethod())
              .addMethod(getCudaSharedMemoryRegisterMethod())
              .addMethod(getCudaSharedMemoryUnregisterMethod())
              .addMethod(getTraceSettingMethod())
              .addMethod(getLogSettingsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
