package dev.arbiter.client.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Tenants, their users and service accounts, role bindings and API keys.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class TenantServiceGrpc {

  private TenantServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "arbiter.v1.TenantService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateTenantRequest,
      dev.arbiter.client.v1.CreateTenantResponse> getCreateTenantMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateTenant",
      requestType = dev.arbiter.client.v1.CreateTenantRequest.class,
      responseType = dev.arbiter.client.v1.CreateTenantResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateTenantRequest,
      dev.arbiter.client.v1.CreateTenantResponse> getCreateTenantMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateTenantRequest, dev.arbiter.client.v1.CreateTenantResponse> getCreateTenantMethod;
    if ((getCreateTenantMethod = TenantServiceGrpc.getCreateTenantMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getCreateTenantMethod = TenantServiceGrpc.getCreateTenantMethod) == null) {
          TenantServiceGrpc.getCreateTenantMethod = getCreateTenantMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CreateTenantRequest, dev.arbiter.client.v1.CreateTenantResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateTenant"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateTenantRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateTenantResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("CreateTenant"))
              .build();
        }
      }
    }
    return getCreateTenantMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetTenantRequest,
      dev.arbiter.client.v1.GetTenantResponse> getGetTenantMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTenant",
      requestType = dev.arbiter.client.v1.GetTenantRequest.class,
      responseType = dev.arbiter.client.v1.GetTenantResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetTenantRequest,
      dev.arbiter.client.v1.GetTenantResponse> getGetTenantMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.GetTenantRequest, dev.arbiter.client.v1.GetTenantResponse> getGetTenantMethod;
    if ((getGetTenantMethod = TenantServiceGrpc.getGetTenantMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getGetTenantMethod = TenantServiceGrpc.getGetTenantMethod) == null) {
          TenantServiceGrpc.getGetTenantMethod = getGetTenantMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.GetTenantRequest, dev.arbiter.client.v1.GetTenantResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTenant"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetTenantRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.GetTenantResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("GetTenant"))
              .build();
        }
      }
    }
    return getGetTenantMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTenantsRequest,
      dev.arbiter.client.v1.ListTenantsResponse> getListTenantsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTenants",
      requestType = dev.arbiter.client.v1.ListTenantsRequest.class,
      responseType = dev.arbiter.client.v1.ListTenantsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTenantsRequest,
      dev.arbiter.client.v1.ListTenantsResponse> getListTenantsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListTenantsRequest, dev.arbiter.client.v1.ListTenantsResponse> getListTenantsMethod;
    if ((getListTenantsMethod = TenantServiceGrpc.getListTenantsMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getListTenantsMethod = TenantServiceGrpc.getListTenantsMethod) == null) {
          TenantServiceGrpc.getListTenantsMethod = getListTenantsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListTenantsRequest, dev.arbiter.client.v1.ListTenantsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTenants"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListTenantsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListTenantsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("ListTenants"))
              .build();
        }
      }
    }
    return getListTenantsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteTenantRequest,
      dev.arbiter.client.v1.DeleteTenantResponse> getDeleteTenantMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteTenant",
      requestType = dev.arbiter.client.v1.DeleteTenantRequest.class,
      responseType = dev.arbiter.client.v1.DeleteTenantResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteTenantRequest,
      dev.arbiter.client.v1.DeleteTenantResponse> getDeleteTenantMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeleteTenantRequest, dev.arbiter.client.v1.DeleteTenantResponse> getDeleteTenantMethod;
    if ((getDeleteTenantMethod = TenantServiceGrpc.getDeleteTenantMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getDeleteTenantMethod = TenantServiceGrpc.getDeleteTenantMethod) == null) {
          TenantServiceGrpc.getDeleteTenantMethod = getDeleteTenantMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeleteTenantRequest, dev.arbiter.client.v1.DeleteTenantResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteTenant"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteTenantRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeleteTenantResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("DeleteTenant"))
              .build();
        }
      }
    }
    return getDeleteTenantMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreatePrincipalRequest,
      dev.arbiter.client.v1.CreatePrincipalResponse> getCreatePrincipalMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreatePrincipal",
      requestType = dev.arbiter.client.v1.CreatePrincipalRequest.class,
      responseType = dev.arbiter.client.v1.CreatePrincipalResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreatePrincipalRequest,
      dev.arbiter.client.v1.CreatePrincipalResponse> getCreatePrincipalMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreatePrincipalRequest, dev.arbiter.client.v1.CreatePrincipalResponse> getCreatePrincipalMethod;
    if ((getCreatePrincipalMethod = TenantServiceGrpc.getCreatePrincipalMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getCreatePrincipalMethod = TenantServiceGrpc.getCreatePrincipalMethod) == null) {
          TenantServiceGrpc.getCreatePrincipalMethod = getCreatePrincipalMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CreatePrincipalRequest, dev.arbiter.client.v1.CreatePrincipalResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreatePrincipal"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreatePrincipalRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreatePrincipalResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("CreatePrincipal"))
              .build();
        }
      }
    }
    return getCreatePrincipalMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPrincipalsRequest,
      dev.arbiter.client.v1.ListPrincipalsResponse> getListPrincipalsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListPrincipals",
      requestType = dev.arbiter.client.v1.ListPrincipalsRequest.class,
      responseType = dev.arbiter.client.v1.ListPrincipalsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPrincipalsRequest,
      dev.arbiter.client.v1.ListPrincipalsResponse> getListPrincipalsMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListPrincipalsRequest, dev.arbiter.client.v1.ListPrincipalsResponse> getListPrincipalsMethod;
    if ((getListPrincipalsMethod = TenantServiceGrpc.getListPrincipalsMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getListPrincipalsMethod = TenantServiceGrpc.getListPrincipalsMethod) == null) {
          TenantServiceGrpc.getListPrincipalsMethod = getListPrincipalsMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListPrincipalsRequest, dev.arbiter.client.v1.ListPrincipalsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListPrincipals"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListPrincipalsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListPrincipalsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("ListPrincipals"))
              .build();
        }
      }
    }
    return getListPrincipalsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeletePrincipalRequest,
      dev.arbiter.client.v1.DeletePrincipalResponse> getDeletePrincipalMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeletePrincipal",
      requestType = dev.arbiter.client.v1.DeletePrincipalRequest.class,
      responseType = dev.arbiter.client.v1.DeletePrincipalResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeletePrincipalRequest,
      dev.arbiter.client.v1.DeletePrincipalResponse> getDeletePrincipalMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.DeletePrincipalRequest, dev.arbiter.client.v1.DeletePrincipalResponse> getDeletePrincipalMethod;
    if ((getDeletePrincipalMethod = TenantServiceGrpc.getDeletePrincipalMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getDeletePrincipalMethod = TenantServiceGrpc.getDeletePrincipalMethod) == null) {
          TenantServiceGrpc.getDeletePrincipalMethod = getDeletePrincipalMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.DeletePrincipalRequest, dev.arbiter.client.v1.DeletePrincipalResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeletePrincipal"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeletePrincipalRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.DeletePrincipalResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("DeletePrincipal"))
              .build();
        }
      }
    }
    return getDeletePrincipalMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetRoleRequest,
      dev.arbiter.client.v1.SetRoleResponse> getSetRoleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetRole",
      requestType = dev.arbiter.client.v1.SetRoleRequest.class,
      responseType = dev.arbiter.client.v1.SetRoleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetRoleRequest,
      dev.arbiter.client.v1.SetRoleResponse> getSetRoleMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.SetRoleRequest, dev.arbiter.client.v1.SetRoleResponse> getSetRoleMethod;
    if ((getSetRoleMethod = TenantServiceGrpc.getSetRoleMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getSetRoleMethod = TenantServiceGrpc.getSetRoleMethod) == null) {
          TenantServiceGrpc.getSetRoleMethod = getSetRoleMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.SetRoleRequest, dev.arbiter.client.v1.SetRoleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetRole"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetRoleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.SetRoleResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("SetRole"))
              .build();
        }
      }
    }
    return getSetRoleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateApiKeyRequest,
      dev.arbiter.client.v1.CreateApiKeyResponse> getCreateApiKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateApiKey",
      requestType = dev.arbiter.client.v1.CreateApiKeyRequest.class,
      responseType = dev.arbiter.client.v1.CreateApiKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateApiKeyRequest,
      dev.arbiter.client.v1.CreateApiKeyResponse> getCreateApiKeyMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.CreateApiKeyRequest, dev.arbiter.client.v1.CreateApiKeyResponse> getCreateApiKeyMethod;
    if ((getCreateApiKeyMethod = TenantServiceGrpc.getCreateApiKeyMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getCreateApiKeyMethod = TenantServiceGrpc.getCreateApiKeyMethod) == null) {
          TenantServiceGrpc.getCreateApiKeyMethod = getCreateApiKeyMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.CreateApiKeyRequest, dev.arbiter.client.v1.CreateApiKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateApiKey"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateApiKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.CreateApiKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("CreateApiKey"))
              .build();
        }
      }
    }
    return getCreateApiKeyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListApiKeysRequest,
      dev.arbiter.client.v1.ListApiKeysResponse> getListApiKeysMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListApiKeys",
      requestType = dev.arbiter.client.v1.ListApiKeysRequest.class,
      responseType = dev.arbiter.client.v1.ListApiKeysResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListApiKeysRequest,
      dev.arbiter.client.v1.ListApiKeysResponse> getListApiKeysMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.ListApiKeysRequest, dev.arbiter.client.v1.ListApiKeysResponse> getListApiKeysMethod;
    if ((getListApiKeysMethod = TenantServiceGrpc.getListApiKeysMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getListApiKeysMethod = TenantServiceGrpc.getListApiKeysMethod) == null) {
          TenantServiceGrpc.getListApiKeysMethod = getListApiKeysMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.ListApiKeysRequest, dev.arbiter.client.v1.ListApiKeysResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListApiKeys"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListApiKeysRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.ListApiKeysResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("ListApiKeys"))
              .build();
        }
      }
    }
    return getListApiKeysMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.arbiter.client.v1.RevokeApiKeyRequest,
      dev.arbiter.client.v1.RevokeApiKeyResponse> getRevokeApiKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RevokeApiKey",
      requestType = dev.arbiter.client.v1.RevokeApiKeyRequest.class,
      responseType = dev.arbiter.client.v1.RevokeApiKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.arbiter.client.v1.RevokeApiKeyRequest,
      dev.arbiter.client.v1.RevokeApiKeyResponse> getRevokeApiKeyMethod() {
    io.grpc.MethodDescriptor<dev.arbiter.client.v1.RevokeApiKeyRequest, dev.arbiter.client.v1.RevokeApiKeyResponse> getRevokeApiKeyMethod;
    if ((getRevokeApiKeyMethod = TenantServiceGrpc.getRevokeApiKeyMethod) == null) {
      synchronized (TenantServiceGrpc.class) {
        if ((getRevokeApiKeyMethod = TenantServiceGrpc.getRevokeApiKeyMethod) == null) {
          TenantServiceGrpc.getRevokeApiKeyMethod = getRevokeApiKeyMethod =
              io.grpc.MethodDescriptor.<dev.arbiter.client.v1.RevokeApiKeyRequest, dev.arbiter.client.v1.RevokeApiKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RevokeApiKey"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.RevokeApiKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.arbiter.client.v1.RevokeApiKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TenantServiceMethodDescriptorSupplier("RevokeApiKey"))
              .build();
        }
      }
    }
    return getRevokeApiKeyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static TenantServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TenantServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TenantServiceStub>() {
        @java.lang.Override
        public TenantServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TenantServiceStub(channel, callOptions);
        }
      };
    return TenantServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static TenantServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TenantServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TenantServiceBlockingV2Stub>() {
        @java.lang.Override
        public TenantServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TenantServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return TenantServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static TenantServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TenantServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TenantServiceBlockingStub>() {
        @java.lang.Override
        public TenantServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TenantServiceBlockingStub(channel, callOptions);
        }
      };
    return TenantServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static TenantServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TenantServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TenantServiceFutureStub>() {
        @java.lang.Override
        public TenantServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TenantServiceFutureStub(channel, callOptions);
        }
      };
    return TenantServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Tenants, their users and service accounts, role bindings and API keys.
   * </pre>
   */
  public interface AsyncService {

    /**
     */
    default void createTenant(dev.arbiter.client.v1.CreateTenantRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateTenantResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateTenantMethod(), responseObserver);
    }

    /**
     */
    default void getTenant(dev.arbiter.client.v1.GetTenantRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetTenantResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTenantMethod(), responseObserver);
    }

    /**
     */
    default void listTenants(dev.arbiter.client.v1.ListTenantsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTenantsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTenantsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a tenant; its credentials stop working at once.
     * </pre>
     */
    default void deleteTenant(dev.arbiter.client.v1.DeleteTenantRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteTenantResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteTenantMethod(), responseObserver);
    }

    /**
     */
    default void createPrincipal(dev.arbiter.client.v1.CreatePrincipalRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreatePrincipalResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreatePrincipalMethod(), responseObserver);
    }

    /**
     */
    default void listPrincipals(dev.arbiter.client.v1.ListPrincipalsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPrincipalsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListPrincipalsMethod(), responseObserver);
    }

    /**
     */
    default void deletePrincipal(dev.arbiter.client.v1.DeletePrincipalRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeletePrincipalResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeletePrincipalMethod(), responseObserver);
    }

    /**
     * <pre>
     * Gives a principal a role in its tenant (replacing the previous one).
     * </pre>
     */
    default void setRole(dev.arbiter.client.v1.SetRoleRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetRoleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetRoleMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates an API key; the secret is returned once and only its hash is stored.
     * </pre>
     */
    default void createApiKey(dev.arbiter.client.v1.CreateApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateApiKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateApiKeyMethod(), responseObserver);
    }

    /**
     */
    default void listApiKeys(dev.arbiter.client.v1.ListApiKeysRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListApiKeysResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListApiKeysMethod(), responseObserver);
    }

    /**
     */
    default void revokeApiKey(dev.arbiter.client.v1.RevokeApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RevokeApiKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRevokeApiKeyMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service TenantService.
   * <pre>
   * Tenants, their users and service accounts, role bindings and API keys.
   * </pre>
   */
  public static abstract class TenantServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return TenantServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service TenantService.
   * <pre>
   * Tenants, their users and service accounts, role bindings and API keys.
   * </pre>
   */
  public static final class TenantServiceStub
      extends io.grpc.stub.AbstractAsyncStub<TenantServiceStub> {
    private TenantServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TenantServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TenantServiceStub(channel, callOptions);
    }

    /**
     */
    public void createTenant(dev.arbiter.client.v1.CreateTenantRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateTenantResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateTenantMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getTenant(dev.arbiter.client.v1.GetTenantRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetTenantResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTenantMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listTenants(dev.arbiter.client.v1.ListTenantsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTenantsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTenantsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a tenant; its credentials stop working at once.
     * </pre>
     */
    public void deleteTenant(dev.arbiter.client.v1.DeleteTenantRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteTenantResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteTenantMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void createPrincipal(dev.arbiter.client.v1.CreatePrincipalRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreatePrincipalResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreatePrincipalMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listPrincipals(dev.arbiter.client.v1.ListPrincipalsRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPrincipalsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListPrincipalsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void deletePrincipal(dev.arbiter.client.v1.DeletePrincipalRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeletePrincipalResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeletePrincipalMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Gives a principal a role in its tenant (replacing the previous one).
     * </pre>
     */
    public void setRole(dev.arbiter.client.v1.SetRoleRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetRoleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetRoleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates an API key; the secret is returned once and only its hash is stored.
     * </pre>
     */
    public void createApiKey(dev.arbiter.client.v1.CreateApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateApiKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateApiKeyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listApiKeys(dev.arbiter.client.v1.ListApiKeysRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListApiKeysResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListApiKeysMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void revokeApiKey(dev.arbiter.client.v1.RevokeApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RevokeApiKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRevokeApiKeyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service TenantService.
   * <pre>
   * Tenants, their users and service accounts, role bindings and API keys.
   * </pre>
   */
  public static final class TenantServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<TenantServiceBlockingV2Stub> {
    private TenantServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TenantServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TenantServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public dev.arbiter.client.v1.CreateTenantResponse createTenant(dev.arbiter.client.v1.CreateTenantRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateTenantMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetTenantResponse getTenant(dev.arbiter.client.v1.GetTenantRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTenantMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListTenantsResponse listTenants(dev.arbiter.client.v1.ListTenantsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTenantsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a tenant; its credentials stop working at once.
     * </pre>
     */
    public dev.arbiter.client.v1.DeleteTenantResponse deleteTenant(dev.arbiter.client.v1.DeleteTenantRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteTenantMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.CreatePrincipalResponse createPrincipal(dev.arbiter.client.v1.CreatePrincipalRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreatePrincipalMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListPrincipalsResponse listPrincipals(dev.arbiter.client.v1.ListPrincipalsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListPrincipalsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeletePrincipalResponse deletePrincipal(dev.arbiter.client.v1.DeletePrincipalRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeletePrincipalMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gives a principal a role in its tenant (replacing the previous one).
     * </pre>
     */
    public dev.arbiter.client.v1.SetRoleResponse setRole(dev.arbiter.client.v1.SetRoleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates an API key; the secret is returned once and only its hash is stored.
     * </pre>
     */
    public dev.arbiter.client.v1.CreateApiKeyResponse createApiKey(dev.arbiter.client.v1.CreateApiKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateApiKeyMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListApiKeysResponse listApiKeys(dev.arbiter.client.v1.ListApiKeysRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListApiKeysMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.RevokeApiKeyResponse revokeApiKey(dev.arbiter.client.v1.RevokeApiKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRevokeApiKeyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service TenantService.
   * <pre>
   * Tenants, their users and service accounts, role bindings and API keys.
   * </pre>
   */
  public static final class TenantServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<TenantServiceBlockingStub> {
    private TenantServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TenantServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TenantServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public dev.arbiter.client.v1.CreateTenantResponse createTenant(dev.arbiter.client.v1.CreateTenantRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateTenantMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.GetTenantResponse getTenant(dev.arbiter.client.v1.GetTenantRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTenantMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListTenantsResponse listTenants(dev.arbiter.client.v1.ListTenantsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTenantsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a tenant; its credentials stop working at once.
     * </pre>
     */
    public dev.arbiter.client.v1.DeleteTenantResponse deleteTenant(dev.arbiter.client.v1.DeleteTenantRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteTenantMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.CreatePrincipalResponse createPrincipal(dev.arbiter.client.v1.CreatePrincipalRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreatePrincipalMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListPrincipalsResponse listPrincipals(dev.arbiter.client.v1.ListPrincipalsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListPrincipalsMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.DeletePrincipalResponse deletePrincipal(dev.arbiter.client.v1.DeletePrincipalRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeletePrincipalMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Gives a principal a role in its tenant (replacing the previous one).
     * </pre>
     */
    public dev.arbiter.client.v1.SetRoleResponse setRole(dev.arbiter.client.v1.SetRoleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates an API key; the secret is returned once and only its hash is stored.
     * </pre>
     */
    public dev.arbiter.client.v1.CreateApiKeyResponse createApiKey(dev.arbiter.client.v1.CreateApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateApiKeyMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.ListApiKeysResponse listApiKeys(dev.arbiter.client.v1.ListApiKeysRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListApiKeysMethod(), getCallOptions(), request);
    }

    /**
     */
    public dev.arbiter.client.v1.RevokeApiKeyResponse revokeApiKey(dev.arbiter.client.v1.RevokeApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRevokeApiKeyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service TenantService.
   * <pre>
   * Tenants, their users and service accounts, role bindings and API keys.
   * </pre>
   */
  public static final class TenantServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<TenantServiceFutureStub> {
    private TenantServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TenantServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TenantServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CreateTenantResponse> createTenant(
        dev.arbiter.client.v1.CreateTenantRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateTenantMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.GetTenantResponse> getTenant(
        dev.arbiter.client.v1.GetTenantRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTenantMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListTenantsResponse> listTenants(
        dev.arbiter.client.v1.ListTenantsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTenantsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a tenant; its credentials stop working at once.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeleteTenantResponse> deleteTenant(
        dev.arbiter.client.v1.DeleteTenantRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteTenantMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CreatePrincipalResponse> createPrincipal(
        dev.arbiter.client.v1.CreatePrincipalRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreatePrincipalMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListPrincipalsResponse> listPrincipals(
        dev.arbiter.client.v1.ListPrincipalsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListPrincipalsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.DeletePrincipalResponse> deletePrincipal(
        dev.arbiter.client.v1.DeletePrincipalRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeletePrincipalMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Gives a principal a role in its tenant (replacing the previous one).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.SetRoleResponse> setRole(
        dev.arbiter.client.v1.SetRoleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetRoleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates an API key; the secret is returned once and only its hash is stored.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.CreateApiKeyResponse> createApiKey(
        dev.arbiter.client.v1.CreateApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateApiKeyMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.ListApiKeysResponse> listApiKeys(
        dev.arbiter.client.v1.ListApiKeysRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListApiKeysMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.arbiter.client.v1.RevokeApiKeyResponse> revokeApiKey(
        dev.arbiter.client.v1.RevokeApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRevokeApiKeyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_TENANT = 0;
  private static final int METHODID_GET_TENANT = 1;
  private static final int METHODID_LIST_TENANTS = 2;
  private static final int METHODID_DELETE_TENANT = 3;
  private static final int METHODID_CREATE_PRINCIPAL = 4;
  private static final int METHODID_LIST_PRINCIPALS = 5;
  private static final int METHODID_DELETE_PRINCIPAL = 6;
  private static final int METHODID_SET_ROLE = 7;
  private static final int METHODID_CREATE_API_KEY = 8;
  private static final int METHODID_LIST_API_KEYS = 9;
  private static final int METHODID_REVOKE_API_KEY = 10;

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
        case METHODID_CREATE_TENANT:
          serviceImpl.createTenant((dev.arbiter.client.v1.CreateTenantRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateTenantResponse>) responseObserver);
          break;
        case METHODID_GET_TENANT:
          serviceImpl.getTenant((dev.arbiter.client.v1.GetTenantRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.GetTenantResponse>) responseObserver);
          break;
        case METHODID_LIST_TENANTS:
          serviceImpl.listTenants((dev.arbiter.client.v1.ListTenantsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListTenantsResponse>) responseObserver);
          break;
        case METHODID_DELETE_TENANT:
          serviceImpl.deleteTenant((dev.arbiter.client.v1.DeleteTenantRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeleteTenantResponse>) responseObserver);
          break;
        case METHODID_CREATE_PRINCIPAL:
          serviceImpl.createPrincipal((dev.arbiter.client.v1.CreatePrincipalRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreatePrincipalResponse>) responseObserver);
          break;
        case METHODID_LIST_PRINCIPALS:
          serviceImpl.listPrincipals((dev.arbiter.client.v1.ListPrincipalsRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListPrincipalsResponse>) responseObserver);
          break;
        case METHODID_DELETE_PRINCIPAL:
          serviceImpl.deletePrincipal((dev.arbiter.client.v1.DeletePrincipalRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.DeletePrincipalResponse>) responseObserver);
          break;
        case METHODID_SET_ROLE:
          serviceImpl.setRole((dev.arbiter.client.v1.SetRoleRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.SetRoleResponse>) responseObserver);
          break;
        case METHODID_CREATE_API_KEY:
          serviceImpl.createApiKey((dev.arbiter.client.v1.CreateApiKeyRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.CreateApiKeyResponse>) responseObserver);
          break;
        case METHODID_LIST_API_KEYS:
          serviceImpl.listApiKeys((dev.arbiter.client.v1.ListApiKeysRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.ListApiKeysResponse>) responseObserver);
          break;
        case METHODID_REVOKE_API_KEY:
          serviceImpl.revokeApiKey((dev.arbiter.client.v1.RevokeApiKeyRequest) request,
              (io.grpc.stub.StreamObserver<dev.arbiter.client.v1.RevokeApiKeyResponse>) responseObserver);
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
          getCreateTenantMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CreateTenantRequest,
              dev.arbiter.client.v1.CreateTenantResponse>(
                service, METHODID_CREATE_TENANT)))
        .addMethod(
          getGetTenantMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.GetTenantRequest,
              dev.arbiter.client.v1.GetTenantResponse>(
                service, METHODID_GET_TENANT)))
        .addMethod(
          getListTenantsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListTenantsRequest,
              dev.arbiter.client.v1.ListTenantsResponse>(
                service, METHODID_LIST_TENANTS)))
        .addMethod(
          getDeleteTenantMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeleteTenantRequest,
              dev.arbiter.client.v1.DeleteTenantResponse>(
                service, METHODID_DELETE_TENANT)))
        .addMethod(
          getCreatePrincipalMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CreatePrincipalRequest,
              dev.arbiter.client.v1.CreatePrincipalResponse>(
                service, METHODID_CREATE_PRINCIPAL)))
        .addMethod(
          getListPrincipalsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListPrincipalsRequest,
              dev.arbiter.client.v1.ListPrincipalsResponse>(
                service, METHODID_LIST_PRINCIPALS)))
        .addMethod(
          getDeletePrincipalMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.DeletePrincipalRequest,
              dev.arbiter.client.v1.DeletePrincipalResponse>(
                service, METHODID_DELETE_PRINCIPAL)))
        .addMethod(
          getSetRoleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.SetRoleRequest,
              dev.arbiter.client.v1.SetRoleResponse>(
                service, METHODID_SET_ROLE)))
        .addMethod(
          getCreateApiKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.CreateApiKeyRequest,
              dev.arbiter.client.v1.CreateApiKeyResponse>(
                service, METHODID_CREATE_API_KEY)))
        .addMethod(
          getListApiKeysMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.ListApiKeysRequest,
              dev.arbiter.client.v1.ListApiKeysResponse>(
                service, METHODID_LIST_API_KEYS)))
        .addMethod(
          getRevokeApiKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.arbiter.client.v1.RevokeApiKeyRequest,
              dev.arbiter.client.v1.RevokeApiKeyResponse>(
                service, METHODID_REVOKE_API_KEY)))
        .build();
  }

  private static abstract class TenantServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    TenantServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.arbiter.client.v1.Tenants.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("TenantService");
    }
  }

  private static final class TenantServiceFileDescriptorSupplier
      extends TenantServiceBaseDescriptorSupplier {
    TenantServiceFileDescriptorSupplier() {}
  }

  private static final class TenantServiceMethodDescriptorSupplier
      extends TenantServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    TenantServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (TenantServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new TenantServiceFileDescriptorSupplier())
              .addMethod(getCreateTenantMethod())
              .addMethod(getGetTenantMethod())
              .addMethod(getListTenantsMethod())
              .addMethod(getDeleteTenantMethod())
              .addMethod(getCreatePrincipalMethod())
              .addMethod(getListPrincipalsMethod())
              .addMethod(getDeletePrincipalMethod())
              .addMethod(getSetRoleMethod())
              .addMethod(getCreateApiKeyMethod())
              .addMethod(getListApiKeysMethod())
              .addMethod(getRevokeApiKeyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
