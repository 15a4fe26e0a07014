/**
 * Configuration, in layers: compiled-in defaults → an optional YAML/JSON file → `ARBITER_*`
 * environment variables → command-line flags. Validated once at start-up into a frozen, typed
 * object; a bad value fails fast naming its key, where it came from, what was expected and what
 * was received.
 *
 * Every setting is declared once in {@link CONFIG_SCHEMA}, which also generates the environment
 * variable names (`gateway.port` → `ARBITER_GATEWAY_PORT`) and the reference in
 * docs/configuration.md (`arbiter config --docs`). Library code never reads `process.env`: the
 * loader takes the environment as a parameter.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { InvalidArgumentError } from "./errors.ts";
import { tenantLimitTable } from "./tenant-limits.ts";

type Leaf =
  | { type: "string"; default: string; doc: string; values?: readonly string[]; secret?: boolean }
  | { type: "int"; default: number; doc: string; min: number; max: number }
  | { type: "bool"; default: boolean; doc: string }
  | { type: "list"; default: readonly string[]; doc: string }
  | { type: "map"; default: Readonly<Record<string, string>>; doc: string; secret?: boolean };

/** The declaration of every setting: type, default, bounds and a one-line description. */
export const CONFIG_SCHEMA = {
  dataDir: { type: "string", default: "./data", doc: "Directory for embedded-mode state (PGlite database)." },
  log: {
    level: {
      type: "string",
      default: "info",
      values: ["trace", "debug", "info", "warn", "error", "fatal", "silent"],
      doc: "Minimum level of log lines.",
    },
    format: {
      type: "string",
      default: "auto",
      values: ["auto", "json", "pretty"],
      doc: "Line format: auto prints readable lines when stdout is a terminal and JSON otherwise (files, pipes).",
    },
  },
  gateway: {
    host: { type: "string", default: "127.0.0.1", doc: "Address the gateway listens on (0.0.0.0 in containers)." },
    port: {
      type: "int",
      default: 8080,
      min: 0,
      max: 65535,
      doc: "Port serving gRPC, gRPC-Web, Connect and REST; 0 picks a free port.",
    },
    tlsCertFile: {
      type: "string",
      default: "",
      doc: "PEM certificate; with tlsKeyFile, serves TLS instead of h2c/HTTP/1.1.",
    },
    tlsKeyFile: {
      type: "string",
      default: "",
      doc: "PEM private key for tlsCertFile. Both files are watched: a new pair serves new connections without a restart (open ones keep theirs); a pair that fails to load is logged and the previous one kept.",
    },
    tlsClientCaFile: {
      type: "string",
      default: "",
      doc: "PEM CA bundle for mutual TLS: when set (with tlsCertFile), clients must present a certificate signed by one of these CAs. Watched and reloaded like the certificate.",
    },
    tlsReloadCheckMs: {
      type: "int",
      default: 10000,
      min: 100,
      max: 3600000,
      doc: "How often the TLS files are also checked for changes, in milliseconds (a fallback to file-system notifications, which some volumes do not deliver).",
    },
    defaultTimeoutMs: {
      type: "int",
      default: 30000,
      min: 1,
      max: 3600000,
      doc: "Deadline of a call whose client set none, in milliseconds.",
    },
    maxTimeoutMs: {
      type: "int",
      default: 300000,
      min: 1,
      max: 86400000,
      doc: "Longest deadline a client may ask for, in milliseconds.",
    },
    maxMessageBytes: {
      type: "int",
      default: 8388608,
      min: 1024,
      max: 1073741824,
      doc: "Largest request message the gateway accepts, in bytes.",
    },
    shutdownGraceMs: {
      type: "int",
      default: 10000,
      min: 0,
      max: 600000,
      doc: "How long shutdown waits for in-flight calls after reporting NOT_SERVING.",
    },
    reflection: { type: "bool", default: true, doc: "Serve gRPC server reflection (v1 and v1alpha)." },
  },
  auth: {
    enabled: {
      type: "bool",
      default: true,
      doc: "Require credentials (an API key or a JWT) on every RPC but health, reflection (see reflectionPublic) and login. false: every caller is the anonymous admin of the default tenant, for local experiments only.",
    },
    bootstrapAdminKey: {
      type: "string",
      default: "",
      secret: true,
      doc: "API key of the bootstrap admin (tenant default), at least 32 characters: stored as a hash on start. Empty: the first start creates one and prints it once (embedded mode); a Kubernetes Secret supplies it in distributed mode.",
    },
    reflectionPublic: {
      type: "bool",
      default: true,
      doc: "Serve gRPC server reflection without credentials (it lists the API, never data).",
    },
    keyCacheTtlMs: {
      type: "int",
      default: 30000,
      min: 0,
      max: 3600000,
      doc: "How long a gateway trusts an API key it verified, in milliseconds; revoking a key, a principal or a tenant clears every gateway's cache at once.",
    },
    jwt: {
      privateKey: {
        type: "string",
        default: "",
        secret: true,
        doc: "PEM private key (RSA, EC P-256 or Ed25519) signing the access tokens of login. Empty: embedded mode makes a key pair at start (tokens end with the process); distributed mode cannot log users in.",
      },
      publicKey: {
        type: "string",
        default: "",
        doc: "PEM public key verifying access tokens (the pair of privateKey, or your identity provider's).",
      },
      hmacSecret: {
        type: "string",
        default: "",
        secret: true,
        doc: "Shared secret of an identity provider that signs with HS256/384/512 (at least 32 bytes); empty: HMAC tokens are refused.",
      },
      jwksUrl: {
        type: "string",
        default: "",
        doc: "JWKS URL of an identity provider; keys are cached and refetched when a token names an unknown key id (rotation).",
      },
      algorithms: {
        type: "list",
        default: ["RS256", "PS256", "ES256", "EdDSA", "HS256"],
        doc: "Signature algorithms accepted (an allow-list; `none` is never accepted). A token is verified only with key material of its algorithm's kind, so an HMAC token cannot be checked against a public key.",
      },
      issuer: {
        type: "string",
        default: "arbiter",
        doc: "Required `iss` of access tokens (and the issuer of login's).",
      },
      audience: { type: "string", default: "arbiter", doc: "Required `aud` of access tokens." },
      clockSkewSec: {
        type: "int",
        default: 30,
        min: 0,
        max: 300,
        doc: "Clock skew tolerated when checking `exp` and `nbf`, in seconds.",
      },
      accessTokenTtlSec: {
        type: "int",
        default: 900,
        min: 30,
        max: 86400,
        doc: "Lifetime of the access tokens login and refresh issue, in seconds.",
      },
      refreshTokenTtlSec: {
        type: "int",
        default: 604800,
        min: 60,
        max: 7776000,
        doc: "Lifetime of a refresh token, in seconds (each is used once).",
      },
      tenantClaim: { type: "string", default: "tenant", doc: "Claim naming the caller's tenant." },
      roleClaim: {
        type: "string",
        default: "role",
        doc: "Claim naming the caller's role (viewer, developer, operator or admin).",
      },
    },
  },
  scheduler: {
    nodeId: {
      type: "string",
      default: "",
      doc: "Stable id of this scheduler node; empty derives one from host and pid.",
    },
    heartbeatIntervalMs: {
      type: "int",
      default: 1000,
      min: 50,
      max: 60000,
      doc: "How often the node publishes its heartbeat, in milliseconds.",
    },
    heartbeatTtlMs: {
      type: "int",
      default: 5000,
      min: 100,
      max: 600000,
      doc: "A node whose last heartbeat is older than this is dead, in milliseconds.",
    },
    memoryBudgetBytes: {
      type: "int",
      default: 4294967296,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      doc: "Memory this node may use for loaded models, in bytes.",
    },
    drainTimeoutMs: {
      type: "int",
      default: 15000,
      min: 0,
      max: 600000,
      doc: "How long SIGTERM waits for in-flight work before exiting, in milliseconds.",
    },
    intraOpThreads: {
      type: "int",
      default: 1,
      min: 0,
      max: 1024,
      doc: "Threads inside one operator of a model run. 1 keeps each run on one core, leaving the others to concurrent runs (a model's instance_count), the batcher and the gateway; 0 lets ONNX Runtime use one per core, which helps one large model at a time and hurts under load.",
    },
    ortLibraryPath: {
      type: "string",
      default: "",
      doc: "ONNX Runtime shared library; empty uses the CPU build inside the onnxruntime-node package (point it at a CUDA build on GPU nodes).",
    },
    healthHost: {
      type: "string",
      default: "127.0.0.1",
      doc: "Address the scheduler role's health port listens on (0.0.0.0 in containers, so kubelet probes reach it).",
    },
    healthPort: {
      type: "int",
      default: 8081,
      min: 0,
      max: 65535,
      doc: 'Port of the scheduler role\'s gRPC health service (grpc.health.v1, for Kubernetes grpc probes): service "" is SERVING once the bus and database are connected and the node started, NOT_SERVING while draining; service "liveness" is SERVING while the process runs. 0 picks a free port. Not opened by `arbiter start`, whose gateway port answers health.',
    },
    requiredModels: {
      type: "list",
      default: [],
      doc: 'Models the node loads at start before it reports ready (scheduler health service ""): `name`, `name:version` or `tenant/name:version` (tenant `default` when left out). A model not registered yet is asked for again every 2 s; readiness waits for all of them.',
    },
    uploadTtlMs: {
      type: "int",
      default: 3600000,
      min: 1000,
      max: 604800000,
      doc: "Unfinished uploads older than this are deleted, in milliseconds.",
    },
  },
  tasks: {
    leaseMs: {
      type: "int",
      default: 30000,
      min: 200,
      max: 3600000,
      doc: "How long a worker holds the items it took before another may take them (also the JetStream ack wait of a work unit), in milliseconds. The worker renews it every third of it while it works.",
    },
    unitSize: {
      type: "int",
      default: 256,
      min: 1,
      max: 10000,
      doc: "Items of a task per work unit: one JetStream message, claimed, run and committed together. Larger units take the task's row lock less often (bench:tasks, 2 schedulers: 1,794 items/s at 64, 3,893 at 256).",
    },
    unitsInFlight: {
      type: "int",
      default: 8,
      min: 1,
      max: 1000,
      doc: "Work units (and stream events, per binding) one scheduler runs at once.",
    },
    retryBackoffMs: {
      type: "int",
      default: 1000,
      min: 1,
      max: 3600000,
      doc: "Delay before the first retry of a failed item or event; doubled each further attempt, at most 60 s.",
    },
    recoveryAfterMs: {
      type: "int",
      default: 60000,
      min: 100,
      max: 86400000,
      doc: "A task whose items are unfinished and that made no progress for this long has its work units published again (PostgreSQL is the record: a notice JetStream lost is recovered from it).",
    },
  },
  bus: {
    kind: {
      type: "string",
      default: "memory",
      values: ["memory", "nats"],
      doc: "In-process bus (embedded) or NATS (distributed).",
    },
    natsUrls: {
      type: "list",
      default: ["nats://127.0.0.1:4222"],
      doc: "NATS server URLs (comma-separated in the environment).",
    },
    natsTlsCaFile: {
      type: "string",
      default: "",
      doc: "PEM CA bundle that signed the NATS servers' certificates. Setting any natsTls* file connects over TLS.",
    },
    natsTlsCertFile: {
      type: "string",
      default: "",
      doc: "PEM client certificate presented to NATS (servers that verify clients); with natsTlsKeyFile.",
    },
    natsTlsKeyFile: { type: "string", default: "", doc: "PEM private key of natsTlsCertFile." },
  },
  database: {
    kind: {
      type: "string",
      default: "pglite",
      values: ["pglite", "postgres"],
      doc: "Embedded PGlite under dataDir, or PostgreSQL.",
    },
    url: {
      type: "string",
      default: "postgres://arbiter@127.0.0.1:5432/arbiter",
      doc: "PostgreSQL connection URL (database.kind = postgres).",
    },
    migrationUrl: {
      type: "string",
      default: "",
      secret: true,
      doc: "PostgreSQL connection URL used only to apply the migrations at start-up, as a role that owns the tables; empty: database.url. With it, database.url can log in as a role that owns nothing (a member of serviceRole), so the serving process cannot alter the schema or switch row-level security off.",
    },
    serviceRole: {
      type: "string",
      default: "arbiter_service",
      doc: "Role every statement of the service runs as, after the migrations (SET ROLE): created by the migrations when the migrating login may, granted use of the tables, owning none, and without BYPASSRLS, so PostgreSQL row-level security keeps each request to its tenant's rows. The login of database.url must be a member (or a superuser). Empty: statements run as the login itself. Embedded mode always uses arbiter_service.",
    },
    maxConnections: { type: "int", default: 10, min: 1, max: 1000, doc: "PostgreSQL pool size per process." },
    sslMode: {
      type: "string",
      default: "disable",
      values: ["disable", "require", "verify-full"],
      doc: "TLS to PostgreSQL: disable (plain, unless database.url has an sslmode), require (encrypted, server not verified), verify-full (encrypted, certificate checked against sslCaFile, or the system CAs, and the host name). An sslmode in database.url takes precedence.",
    },
    sslCaFile: {
      type: "string",
      default: "",
      doc: "PEM CA bundle that signed PostgreSQL's certificate (sslMode = verify-full).",
    },
    sslCertFile: {
      type: "string",
      default: "",
      doc: "PEM client certificate for PostgreSQL certificate authentication; with sslKeyFile.",
    },
    sslKeyFile: { type: "string", default: "", doc: "PEM private key of sslCertFile." },
  },
  limits: {
    maxModelUploadBytes: {
      type: "int",
      default: 268435456,
      min: 1,
      max: 17179869184,
      doc: "Largest model artifact accepted by RegisterModel, in bytes.",
    },
    tenantRequestsPerSecond: {
      type: "int",
      default: 0,
      min: 0,
      max: 1000000000,
      doc: "Requests per second each tenant may send through one gateway (a token bucket; health and reflection are never counted); over it a call fails RESOURCE_EXHAUSTED (HTTP 429) with a retry-after header. 0: unlimited, the default, because what a gateway can serve depends on its models and hardware (a rate that protects one installation throttles another's only tenant): set it, and tenantOverrides, so that the tenants' rates add up to less than what the mesh serves.",
    },
    tenantBurst: {
      type: "int",
      default: 0,
      min: 0,
      max: 1000000000,
      doc: "Requests a tenant may send at once after an idle period (the token bucket's size); 0: one second's worth of tenantRequestsPerSecond.",
    },
    tenantConcurrency: {
      type: "int",
      default: 512,
      min: 0,
      max: 1000000000,
      doc: "Calls each tenant may have in flight at one gateway (an open stream holds one until it ends); 0: unlimited. 512 by default: above any sensible client pool, yet one tenant cannot hold an unbounded share of the gateway's memory and of the schedulers' queues.",
    },
    tenantRefusalDelayMs: {
      type: "int",
      default: 1000,
      min: 0,
      max: 10000,
      doc: "How long a call refused for a tenant limit is held before its RESOURCE_EXHAUSTED is answered, in milliseconds (never past its retry-after or its deadline; at most 1024 refusals per tenant are held, the others answered at once). A refusal answered at once costs the gateway about as much as a small call, so a client that retries without waiting keeps the gateway busy for everyone: held, each of its callers calls at most once per delay (bench:noisy: a flooding tenant slowed another's p99 9.5 times with refusals answered at once, not measurably with them held). 0: answered at once.",
    },
    tenantOverrides: {
      type: "map",
      default: {},
      doc: "Limits of particular tenants, `<tenant>: rps=100,burst=200,concurrency=16` (any of the three; the others are the defaults above): a map in the file, or one `ARBITER_LIMITS_TENANT_OVERRIDES_<TENANT>` variable per tenant, named as written.",
    },
  },
  plugins: {
    dir: {
      type: "string",
      default: "",
      doc: "Directory of user plugin modules (`.js`, `.mjs`) for pipeline plugin nodes, relative to the working directory; empty: built-in plugins only. Plugins run as threads of the scheduler, so only operators should be able to write there.",
    },
    workersPerPlugin: {
      type: "int",
      default: 2,
      min: 1,
      max: 64,
      doc: "Worker threads running each loaded user plugin (calls beyond that queue).",
    },
    workerMemoryMb: {
      type: "int",
      default: 256,
      min: 16,
      max: 65536,
      doc: "Heap limit of each plugin worker thread, in MiB; a worker that exceeds it is replaced.",
    },
    loadTimeoutMs: {
      type: "int",
      default: 10000,
      min: 100,
      max: 600000,
      doc: "How long a plugin module may take to import, and its init to run, in milliseconds.",
    },
  },
  remote: {
    allowedHosts: {
      type: "list",
      default: [],
      doc: "Hosts remote pipeline nodes may call: `host`, `host:port`, `*.domain` or `*` (every non-loopback host); empty: none.",
    },
    allowLoopback: {
      type: "bool",
      default: false,
      doc: "Let remote nodes call loopback hosts (localhost, 127.0.0.0/8, ::1) without listing them.",
    },
    defaultTimeoutMs: {
      type: "int",
      default: 10000,
      min: 1,
      max: 600000,
      doc: "Per-attempt timeout of a remote node whose timeout_ms is 0, in milliseconds.",
    },
    maxResponseBytes: {
      type: "int",
      default: 67108864,
      min: 1024,
      max: 1073741824,
      doc: "Largest response body a remote node reads, in bytes.",
    },
  },
  metrics: {
    enabled: {
      type: "bool",
      default: true,
      doc: "Serve Prometheus metrics at GET /metrics on metrics.port (every role: gateway, scheduler, embedded).",
    },
    host: {
      type: "string",
      default: "127.0.0.1",
      doc: "Address the metrics port listens on (0.0.0.0 in containers, so Prometheus reaches it).",
    },
    port: {
      type: "int",
      default: 9464,
      min: 0,
      max: 65535,
      doc: "Port of the plain-HTTP /metrics endpoint, apart from the service ports; 0 picks a free port.",
    },
  },
  tracing: {
    enabled: {
      type: "string",
      default: "auto",
      values: ["auto", "true", "false"],
      doc: "Export OpenTelemetry traces over OTLP. `auto`: on when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set. The standard OTEL_* variables choose the endpoint, the protocol (http/protobuf, the default, or grpc), the sampler (default parentbased_traceidratio with ratio OTEL_TRACES_SAMPLER_ARG, 1 when unset) and the service name (default arbiter-gateway, arbiter-scheduler, or arbiter for the embedded mesh); see docs/observability.md.",
    },
  },
  secrets: {
    type: "map",
    default: {},
    secret: true,
    doc: "Named secrets (what remote nodes' credential_secret names): a map in the file, or one `ARBITER_SECRETS_<NAME>` variable per secret, named `<NAME>` as written. Values are never printed.",
  },
} as const satisfies Record<string, unknown>;

type ValueOf<L> = L extends { type: "string" }
  ? string
  : L extends { type: "int" }
    ? number
    : L extends { type: "bool" }
      ? boolean
      : L extends { type: "list" }
        ? readonly string[]
        : L extends { type: "map" }
          ? Readonly<Record<string, string>>
          : never;
type ConfigOf<S> = { readonly [K in keyof S]: S[K] extends { type: string } ? ValueOf<S[K]> : ConfigOf<S[K]> };

/** The validated configuration of a process. */
export type ArbiterConfig = ConfigOf<typeof CONFIG_SCHEMA>;

/** A deep partial, for overrides in code and tests. */
export type ConfigOverrides = { [K in string]?: unknown };

/** Where the configuration comes from. */
export interface ConfigSources {
  /** Defaults of the role being started, above the compiled-in ones (e.g. NATS for `arbiter gateway`). */
  defaults?: ConfigOverrides;
  /** Path of a YAML or JSON file, if any. */
  file?: string;
  /** The environment (pass `process.env` from the entry point). */
  env?: Record<string, string | undefined>;
  /** Flags as dotted paths, e.g. { "gateway.port": "9090" }. */
  flags?: Record<string, string>;
  /** Overrides applied last (typed values; used by tests and embedded callers). */
  overrides?: ConfigOverrides;
}

function isLeaf(node: unknown): node is Leaf {
  return typeof node === "object" && node !== null && "type" in node && "default" in node;
}

/** Every setting as [dotted path, declaration]. */
export function configLeaves(): Array<[string, Leaf]> {
  const out: Array<[string, Leaf]> = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (isLeaf(child)) out.push([path, child]);
      else walk(child as Record<string, unknown>, path);
    }
  };
  walk(CONFIG_SCHEMA, "");
  return out;
}

/** `gateway.maxMessageBytes` → `ARBITER_GATEWAY_MAX_MESSAGE_BYTES`. */
export function envName(path: string): string {
  return `ARBITER_${path
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase())
    .join("_")}`;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

/** Converts one raw value (a string from env/flags, or a typed value from a file) to the leaf's type. */
function coerce(path: string, leaf: Leaf, raw: unknown, source: string): unknown {
  const fail = (expected: string) =>
    new InvalidArgumentError(`config ${path} (from ${source})`, expected, describe(raw));
  // A secret's value never reaches an error message (errors are logged).
  const secretFail = (expected: string) =>
    new InvalidArgumentError(`config ${path} (from ${source})`, expected, `a ${typeof raw}`);
  switch (leaf.type) {
    case "string": {
      if (typeof raw !== "string") throw leaf.secret ? secretFail("a string") : fail("a string");
      if (leaf.values && !leaf.values.includes(raw)) throw fail(`one of ${leaf.values.join(", ")}`);
      return raw;
    }
    case "int": {
      const n =
        typeof raw === "number"
          ? raw
          : typeof raw === "string" && /^-?\d+$/.test(raw.trim())
            ? Number(raw.trim())
            : Number.NaN;
      if (!Number.isSafeInteger(n)) throw fail(`an integer from ${leaf.min} to ${leaf.max}`);
      if (n < leaf.min || n > leaf.max) throw fail(`an integer from ${leaf.min} to ${leaf.max}`);
      return n;
    }
    case "bool": {
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "1") return true;
      if (raw === "false" || raw === "0") return false;
      throw fail("true or false");
    }
    case "list": {
      if (Array.isArray(raw) && raw.every((v) => typeof v === "string")) return Object.freeze([...raw]);
      if (typeof raw === "string")
        return Object.freeze(
          raw
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        );
      throw fail("a list of strings");
    }
    case "map": {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw fail("a map of names to strings");
      const entries = Object.entries(raw);
      for (const [key, value] of entries) {
        if (typeof value !== "string") {
          throw new InvalidArgumentError(
            `config ${path}.${key} (from ${source})`,
            "a string",
            leaf.secret ? typeof value : describe(value),
          );
        }
      }
      return Object.fromEntries(entries);
    }
  }
}

/** Entries of a map setting from `<ENV NAME>_<KEY>` variables (`ARBITER_SECRETS_OPENAI_KEY` → `OPENAI_KEY`). */
function mapFromEnv(path: string, env: Record<string, string | undefined>): Record<string, string> {
  const prefix = `${envName(path)}_`;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(prefix) && name.length > prefix.length && value !== undefined && value !== "")
      out[name.slice(prefix.length)] = value;
  }
  return out;
}

/** A frozen map whose JSON form (printed config, logs) shows each name with its value hidden. */
function sealMap(values: Record<string, string>, secret: boolean | undefined): Readonly<Record<string, string>> {
  if (secret) {
    Object.defineProperty(values, "toJSON", {
      value: () => Object.fromEntries(Object.keys(values).map((k) => [k, "***"])),
      enumerable: false,
    });
  }
  return Object.freeze(values);
}

function getPath(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = obj;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Rejects keys that are not settings (a typo must not be silently ignored). */
function checkUnknownKeys(obj: unknown, source: string, known: Set<string>, prefix = ""): void {
  if (typeof obj !== "object" || obj === null) return;
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (known.has(path)) continue;
    const isPrefix = [...known].some((k) => k.startsWith(`${path}.`));
    if (!isPrefix)
      throw new InvalidArgumentError(
        `config ${path} (from ${source})`,
        "a known setting (see docs/configuration.md)",
        "an unknown key",
      );
    checkUnknownKeys(value, source, known, path);
  }
}

/** Loads, layers and validates the configuration. Throws InvalidArgumentError naming the bad key. */
export function loadConfig(sources: ConfigSources = {}): ArbiterConfig {
  const leaves = configLeaves();
  const known = new Set(leaves.map(([path]) => path));
  let fileValues: unknown = {};
  if (sources.file) {
    let text: string;
    try {
      text = readFileSync(sources.file, "utf8");
    } catch (err) {
      throw new InvalidArgumentError("config file", "a readable file", sources.file, { cause: err });
    }
    try {
      fileValues = parseYaml(text) ?? {};
    } catch (err) {
      throw new InvalidArgumentError(`config file ${sources.file}`, "valid YAML or JSON", (err as Error).message, {
        cause: err,
      });
    }
    checkUnknownKeys(fileValues, sources.file, known);
  }
  if (sources.flags) {
    for (const path of Object.keys(sources.flags)) {
      if (!known.has(path))
        throw new InvalidArgumentError(`flag --${path}`, "a known setting (see --help)", "an unknown flag");
    }
  }
  if (sources.overrides) checkUnknownKeys(sources.overrides, "overrides", known);
  const env = sources.env ?? {};
  const out: Record<string, unknown> = {};
  for (const [path, leaf] of leaves) {
    if (leaf.type === "map") {
      // Maps merge layer over layer, key by key; the environment gives one variable per key.
      const layer = (raw: unknown, source: string) =>
        raw === undefined ? {} : (coerce(path, leaf, raw, source) as Record<string, string>);
      const merged = Object.assign(
        {},
        leaf.default,
        layer(getPath(sources.defaults, path), "role defaults"),
        layer(getPath(fileValues, path), sources.file ?? "file"),
        mapFromEnv(path, env),
        layer(sources.flags?.[path], `--${path}`),
        layer(getPath(sources.overrides, path), "overrides"),
      );
      setPath(out, path, sealMap(merged, leaf.secret));
      continue;
    }
    let value: unknown = leaf.default;
    const fromRole = getPath(sources.defaults, path);
    if (fromRole !== undefined) value = coerce(path, leaf, fromRole, "role defaults");
    const fromFile = getPath(fileValues, path);
    if (fromFile !== undefined) value = coerce(path, leaf, fromFile, sources.file ?? "file");
    const name = envName(path);
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== "") value = coerce(path, leaf, fromEnv, name);
    const fromFlag = sources.flags?.[path];
    if (fromFlag !== undefined) value = coerce(path, leaf, fromFlag, `--${path}`);
    const fromOverride = getPath(sources.overrides, path);
    if (fromOverride !== undefined) value = coerce(path, leaf, fromOverride, "overrides");
    setPath(out, path, value);
  }
  checkAuth(out as unknown as ArbiterConfig);
  tenantLimitTable((out as unknown as ArbiterConfig).limits); // throws for a malformed override
  return deepFreeze(out) as unknown as ArbiterConfig;
}

/** Rules across auth settings that a single leaf's type cannot state. */
function checkAuth(config: ArbiterConfig): void {
  const { bootstrapAdminKey, jwt } = config.auth;
  if (bootstrapAdminKey !== "" && bootstrapAdminKey.length < 32)
    throw new InvalidArgumentError(
      "config auth.bootstrapAdminKey",
      "at least 32 characters",
      `${bootstrapAdminKey.length} characters`,
    );
  if (jwt.hmacSecret !== "" && Buffer.byteLength(jwt.hmacSecret) < 32)
    throw new InvalidArgumentError(
      "config auth.jwt.hmacSecret",
      "at least 32 bytes",
      `${Buffer.byteLength(jwt.hmacSecret)} bytes`,
    );
  const none = jwt.algorithms.find((alg) => alg.toLowerCase() === "none");
  if (none !== undefined)
    throw new InvalidArgumentError("config auth.jwt.algorithms", "signature algorithms only", JSON.stringify(none));
}

/** The configuration with every secret setting's value replaced by "***" (what may be printed). */
export function redactConfig(config: ArbiterConfig): unknown {
  // Through JSON, so secret maps come out hidden too (their toJSON).
  const out = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  for (const [path, leaf] of configLeaves()) {
    if (leaf.type === "string" && leaf.secret && getPath(out, path) !== "") setPath(out, path, "***");
  }
  return out;
}

function deepFreeze<T>(obj: T): T {
  if (typeof obj === "object" && obj !== null) {
    for (const value of Object.values(obj)) deepFreeze(value);
    Object.freeze(obj);
  }
  return obj;
}

/** The reference table of every setting, as Markdown. */
export function configReference(): string {
  const rows = configLeaves().map(([path, leaf]) => {
    const def =
      leaf.type === "list"
        ? leaf.default.join(",")
        : leaf.type === "map"
          ? JSON.stringify(leaf.default)
          : String(leaf.default);
    const extra = leaf.type === "string" && leaf.values ? ` One of: ${leaf.values.join(", ")}.` : "";
    const env = leaf.type === "map" ? `${envName(path)}_<NAME>` : envName(path);
    return `| \`${path}\` | \`${env}\` | ${leaf.type} | \`${def}\` | ${leaf.doc}${extra} |`;
  });
  return ["| key | environment | type | default | meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}
