/**
 * The three ways to run Arbiter. Each builds its parts from the configuration, runs until SIGINT
 * or SIGTERM, then shuts down in order (stop taking work, drain, close connections).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ArbiterConfig,
  ArbiterError,
  type Bus,
  createMemoryBus,
  createNatsBus,
  createPgliteDatabase,
  createPostgresDatabase,
  createRootLogger,
  type Database,
  type Logger,
  type MetricsServer,
  migrate,
  processMetrics,
  resolveLogFormat,
  SERVICE_ROLE,
  startMetricsServer,
  startTracing,
  type Tracing,
  UnavailableError,
  withProcessSigningKeys,
} from "@arbiter/core";
import { startGateway } from "@arbiter/gateway";
import {
  registerExampleCollections,
  registerExampleModels,
  registerExamplePipelines,
  type SchedulerNode,
  startScheduler,
} from "@arbiter/scheduler";
import { startSchedulerHealthServer } from "./scheduler-health.ts";

/** The example models shipped with Arbiter, registered by `arbiter start`. */
const EXAMPLE_MODELS_DIR = fileURLToPath(new URL("../../examples/models/", import.meta.url));
const EXAMPLE_PIPELINES_DIR = fileURLToPath(new URL("../../examples/pipelines/", import.meta.url));
const EXAMPLE_COLLECTIONS_DIR = fileURLToPath(new URL("../../examples/collections/", import.meta.url));

/** Resolves when the process is asked to stop. */
function untilSignal(logger: Logger): Promise<string> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: string) => {
      logger.info({ signal }, "shutting down");
      resolveSignal(signal);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
}

function rootLogger(config: ArbiterConfig, role: string): Logger {
  const format = resolveLogFormat(config.log.format, process.stdout.isTTY === true);
  const logger = createRootLogger({
    level: config.log.level,
    base: { process: role },
    format,
    pretty: { colour: format === "pretty" && process.stdout.isTTY === true },
  });
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
  return logger;
}

/**
 * OpenTelemetry tracing for the role, when `tracing.enabled` and the OTEL_* variables ask for it;
 * started before the gateway and scheduler, which instrument themselves only when it is on.
 */
function traceRole(config: ArbiterConfig, logger: Logger, serviceName: string): Promise<Tracing> {
  return startTracing({ config, env: process.env, serviceName, logger });
}

/**
 * Opens the database, applies pending migrations and switches to the service role, so that every
 * statement of the serving process is subject to row-level security. In distributed mode the
 * migrations may run over their own connection (database.migrationUrl), as the tables' owner.
 */
async function openDatabase(config: ArbiterConfig, logger: Logger): Promise<Database> {
  const { database } = config;
  const where = database.kind === "postgres" ? redactPassword(database.url) : resolve(config.dataDir, "pglite");
  let db: Database;
  if (database.kind === "pglite") {
    const dir = resolve(config.dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    db = await createPgliteDatabase({ dataDir: dir });
  } else {
    db = createPostgresDatabase({
      url: database.url,
      maxConnections: database.maxConnections,
      applicationName: "arbiter",
      ssl: database,
    });
  }
  try {
    const applied = await migrateWith(config, db);
    if (applied.length > 0) logger.info({ applied }, "database migrated");
    const role = database.kind === "pglite" ? SERVICE_ROLE : database.serviceRole;
    if (role !== "") await db.useServiceRole(role);
  } catch (err) {
    await db.close().catch(() => {});
    if (err instanceof ArbiterError) throw err;
    throw new UnavailableError(`cannot open the database at ${where}: ${(err as Error).message}`, {}, { cause: err });
  }
  return db;
}

/** Applies the migrations over database.migrationUrl when set, else over `db` itself. */
async function migrateWith(config: ArbiterConfig, db: Database): Promise<string[]> {
  const { database } = config;
  if (database.kind !== "postgres" || database.migrationUrl === "") return migrate(db);
  const owner = createPostgresDatabase({
    url: database.migrationUrl,
    maxConnections: 1,
    applicationName: "arbiter-migrations",
    ssl: database,
  });
  try {
    return await migrate(owner);
  } finally {
    await owner.close().catch(() => {});
  }
}

/** The URL without its password, for messages and logs. */
function redactPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

async function openBus(config: ArbiterConfig, name: string): Promise<Bus> {
  return config.bus.kind === "nats"
    ? createNatsBus({ servers: [...config.bus.natsUrls], name, tls: config.bus })
    : createMemoryBus();
}

/** The process's /metrics port, unless metrics.enabled is false. */
async function serveMetrics(config: ArbiterConfig, logger: Logger): Promise<MetricsServer | undefined> {
  if (!config.metrics.enabled) return undefined;
  return startMetricsServer({
    host: config.metrics.host,
    port: config.metrics.port,
    registry: processMetrics(),
    logger,
  });
}

/**
 * Shows the bootstrap admin's key the one time it exists in clear: on the terminal, not in the
 * log (logs are shipped and kept; this must not be).
 */
function showCreatedAdminKey(key: string | undefined, gatewayUrl: string): void {
  if (key === undefined) return;
  process.stdout.write(
    [
      "",
      "  Bootstrap admin API key (shown this once; only its hash is stored):",
      "",
      `    ${key}`,
      "",
      "  Send it with every call, e.g.",
      `    export ARBITER_API_KEY=${key}`,
      `    grpcurl -plaintext -H "authorization: Bearer $ARBITER_API_KEY" ${gatewayUrl.replace(/^https?:\/\//, "")} arbiter.v1.AuthService/WhoAmI`,
      "",
      "",
    ].join("\n"),
  );
}

/** Embedded mode: one process, in-process bus, PGlite. */
export async function runStart(configured: ArbiterConfig): Promise<number> {
  const config = withProcessSigningKeys(configured);
  const logger = rootLogger(config, "embedded");
  // Listening from the start: a SIGTERM while the role starts stops it once started, instead of
  // killing it half-way (Node's default) — e.g. a pod deleted while it connects.
  const signalled = untilSignal(logger);
  const tracing = await traceRole(config, logger, "arbiter");
  const metrics = await serveMetrics(config, logger);
  const bus = config.bus.kind === "memory" ? createMemoryBus() : await openBus(config, "arbiter-embedded");
  const db = await openDatabase(config, logger);
  const scheduler = await startScheduler({ config, bus, db, logger, role: "embedded" });
  await registerExampleModels(db, EXAMPLE_MODELS_DIR, logger, config.scheduler.ortLibraryPath);
  await registerExampleCollections(db, bus, EXAMPLE_COLLECTIONS_DIR, logger);
  await registerExamplePipelines(db, EXAMPLE_PIPELINES_DIR, logger);
  const gateway = await startGateway({ config, bus, logger });
  logger.info(
    { url: `http://${config.gateway.host}:${gateway.port}`, dataDir: resolve(config.dataDir) },
    "embedded mesh ready",
  );
  showCreatedAdminKey(scheduler.createdAdminKey, `${config.gateway.host}:${gateway.port}`);
  await signalled;
  await gateway.stop();
  await scheduler.stop();
  await bus.close();
  await db.close();
  await metrics?.close();
  await tracing.shutdown();
  return 0;
}

/** Distributed mode: the gateway role. */
export async function runGateway(config: ArbiterConfig): Promise<number> {
  const logger = rootLogger(config, "gateway");
  // Listening from the start: a SIGTERM while the role starts stops it once started, instead of
  // killing it half-way (Node's default) — e.g. a pod deleted while it connects.
  const signalled = untilSignal(logger);
  const tracing = await traceRole(config, logger, "arbiter-gateway");
  const metrics = await serveMetrics(config, logger);
  const bus = await openBus(config, "arbiter-gateway");
  const gateway = await startGateway({ config, bus, logger });
  await signalled;
  await gateway.stop();
  await bus.close();
  await metrics?.close();
  await tracing.shutdown();
  return 0;
}

/**
 * Distributed mode: a scheduler role. Its health port listens first, so probes see a live process
 * that is not yet ready while it connects and migrates, and not ready again while it drains.
 */
export async function runScheduler(config: ArbiterConfig): Promise<number> {
  const logger = rootLogger(config, "scheduler");
  // Listening from the start: a SIGTERM while the role starts stops it once started, instead of
  // killing it half-way (Node's default) — e.g. a pod deleted while it connects.
  const signalled = untilSignal(logger);
  const tracing = await traceRole(config, logger, "arbiter-scheduler");
  const health = await startSchedulerHealthServer({
    host: config.scheduler.healthHost,
    port: config.scheduler.healthPort,
    logger,
  });
  const metrics = await serveMetrics(config, logger).catch(async (err: unknown) => {
    await health.close();
    throw err;
  });
  let bus: Bus | undefined;
  let db: Database | undefined;
  let scheduler: SchedulerNode;
  try {
    bus = await openBus(config, "arbiter-scheduler");
    db = await openDatabase(config, logger);
    scheduler = await startScheduler({ config, bus, db, logger });
  } catch (err) {
    // Whatever is open would keep the process alive after the error.
    await db?.close().catch(() => {});
    await bus?.close().catch(() => {});
    await health.close();
    await metrics?.close();
    await tracing.shutdown();
    throw err;
  }
  showCreatedAdminKey(scheduler.createdAdminKey, "<gateway address>");
  // Ready once the models it must hold are loaded (scheduler.requiredModels), unless stopped first.
  if (await Promise.race([scheduler.requiredModelsLoaded.then(() => true), signalled.then(() => false)])) {
    health.ready();
  }
  await signalled;
  health.draining();
  await scheduler.stop();
  await bus.close();
  await db.close();
  await health.close();
  await metrics?.close();
  await tracing.shutdown();
  return 0;
}
