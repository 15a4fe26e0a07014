/**
 * Attribute names of the OpenTelemetry semantic conventions that Arbiter's spans use (RPC,
 * messaging, database), and Arbiter's own under `arbiter.*`. Written out here rather than taken
 * from @opentelemetry/semantic-conventions, whose RPC and messaging names live in its unstable
 * ("incubating") entry point.
 */

/** `grpc` for gRPC and gRPC-Web calls, `connect_rpc` for the Connect protocol. */
export const ATTR_RPC_SYSTEM = "rpc.system";
/** Full name of the service, e.g. `arbiter.v1.DecisionService`. */
export const ATTR_RPC_SERVICE = "rpc.service";
/** Method name, e.g. `Decide`. */
export const ATTR_RPC_METHOD = "rpc.method";
/** Numeric gRPC status code of the call. */
export const ATTR_RPC_GRPC_STATUS_CODE = "rpc.grpc.status_code";

/** `nats`, or `memory` for the in-process bus of the embedded mesh. */
export const ATTR_MESSAGING_SYSTEM = "messaging.system";
/** The subject a message was sent to. */
export const ATTR_MESSAGING_DESTINATION_NAME = "messaging.destination.name";
/** `publish` on the sending side, `process` on the receiving side. */
export const ATTR_MESSAGING_OPERATION = "messaging.operation";
/** The newer conventions' name for the same: `send` or `process`. */
export const ATTR_MESSAGING_OPERATION_TYPE = "messaging.operation.type";
/** Queue group of the subscriber that processed a message. */
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = "messaging.consumer.group.name";
/** Size of the payload, in bytes. */
export const ATTR_MESSAGING_MESSAGE_BODY_SIZE = "messaging.message.body.size";

/** `postgresql`. */
export const ATTR_DB_SYSTEM = "db.system";
/** The newer conventions' name for the same. */
export const ATTR_DB_SYSTEM_NAME = "db.system.name";
/** First keyword of the statement: SELECT, INSERT, ... */
export const ATTR_DB_OPERATION_NAME = "db.operation.name";
/** The statement as sent: parameterized (`$1`), so it carries no values. */
export const ATTR_DB_QUERY_TEXT = "db.query.text";
/** The database's name. */
export const ATTR_DB_NAMESPACE = "db.namespace";
/** Host of the database server. */
export const ATTR_SERVER_ADDRESS = "server.address";
/** Port of the database server. */
export const ATTR_SERVER_PORT = "server.port";

/** Arbiter's request id (`x-request-id`, or generated at the gateway). */
export const ATTR_ARBITER_REQUEST_ID = "arbiter.request_id";
/** The tenant a request acts for. */
export const ATTR_ARBITER_TENANT = "arbiter.tenant";
/** The scheduler node that served a request. */
export const ATTR_ARBITER_NODE = "arbiter.node";
/** Name and version of a pipeline. */
export const ATTR_ARBITER_PIPELINE = "arbiter.pipeline.name";
export const ATTR_ARBITER_PIPELINE_VERSION = "arbiter.pipeline.version";
/** Name, kind and outcome (`ok`, `skipped`, `fallback`, `failed`) of a pipeline node. */
export const ATTR_ARBITER_NODE_NAME = "arbiter.pipeline.node";
export const ATTR_ARBITER_NODE_KIND = "arbiter.pipeline.node_kind";
export const ATTR_ARBITER_NODE_STATUS = "arbiter.pipeline.node_status";
/** Name and version of a model. */
export const ATTR_ARBITER_MODEL = "arbiter.model.name";
export const ATTR_ARBITER_MODEL_VERSION = "arbiter.model.version";
/** Rows (first dimension) of one request to a model. */
export const ATTR_ARBITER_MODEL_ROWS = "arbiter.model.rows";
/** Microseconds a request waited in the batcher's queue before its batch was sent. */
export const ATTR_ARBITER_QUEUE_MICROS = "arbiter.batch.queue_us";
/** Microseconds its batch ran in ONNX Runtime. */
export const ATTR_ARBITER_COMPUTE_MICROS = "arbiter.batch.compute_us";
/** Trace id of the batch's own trace (`batch <model>`), which links to every request it served. */
export const ATTR_ARBITER_BATCH_TRACE_ID = "arbiter.batch.trace_id";
/** Rows and requests in the batch that served a request. */
export const ATTR_ARBITER_BATCH_ROWS = "arbiter.batch.rows";
export const ATTR_ARBITER_BATCH_REQUESTS = "arbiter.batch.requests";
/** The task a span works for. */
export const ATTR_ARBITER_TASK_ID = "arbiter.task.id";
/** The items of a task a span runs. */
export const ATTR_ARBITER_TASK_ITEMS = "arbiter.task.items";
/** The stream binding an event belongs to. */
export const ATTR_ARBITER_BINDING = "arbiter.stream.binding";
/** An event's id (its message id). */
export const ATTR_MESSAGING_MESSAGE_ID = "messaging.message.id";
/** HTTP server spans (the OIP REST routes). */
export const ATTR_HTTP_REQUEST_METHOD = "http.request.method";
export const ATTR_HTTP_ROUTE = "http.route";
export const ATTR_HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
export const ATTR_URL_PATH = "url.path";
