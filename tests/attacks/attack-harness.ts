/**
 * The attack suite: one `arbiter start` process with authentication on (as a newcomer runs it,
 * with a bootstrap admin key and signing keys the suite knows), attacked in turn by
 * - the role × RPC matrix (matrix.ts),
 * - forged and malformed credentials (credentials.ts),
 * - tenant B reaching for tenant A's objects (isolation.ts),
 * - a property-based fuzzer across every public RPC and REST route (fuzz.ts), last, as it is the
 *   most destructive.
 * The report is what `npm run test:attacks` prints as its summary line.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnRole } from "../support/mesh.ts";
import { runCredentialAttacks, type SuiteJwt } from "./credentials.ts";
import { runFuzz } from "./fuzz.ts";
import { runIsolation } from "./isolation.ts";
import { runMatrix } from "./matrix.ts";
import { memoryProbe } from "./memory-probe.ts";

/** The base64 body of a PEM key (what would show if the key were logged, however it was wrapped). */
function pemBody(pem: string): string {
  return pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"))[0] ?? pem;
}

/** Sizes of a run. */
export interface AttackOptions {
  fuzzCases: number;
  seed: number;
  log: (line: string) => void;
}

/** Everything the suite counted; the suite passes when every "bad" count is 0. */
export interface AttackReport {
  credentialsTried: number;
  credentialsAccepted: number;
  matrixCells: number;
  matrixWrong: number;
  isolationProbes: number;
  crossTenantLeaks: number;
  fuzzCases: number;
  crashes: number;
  internalErrors: number;
  memoryGrowth: number;
  /** Secrets (keys, passwords, tokens, signing keys) found in the mesh's log. */
  secretsLogged: number;
  examples: string[];
}

/** The summary line `npm run test:attacks` ends with. */
export function summaryLine(r: AttackReport): string {
  return `credentials_tried=${r.credentialsTried} credentials_accepted=${r.credentialsAccepted} matrix_cells=${r.matrixCells} matrix_wrong=${r.matrixWrong} cross_tenant_leaks=${r.crossTenantLeaks} fuzz_cases=${r.fuzzCases} crashes=${r.crashes} internal_errors=${r.internalErrors}`;
}

/** True when nothing got through and nothing broke (memory growth under 10 % included). */
export function passed(r: AttackReport): boolean {
  return (
    r.credentialsAccepted === 0 &&
    r.matrixWrong === 0 &&
    r.crossTenantLeaks === 0 &&
    r.crashes === 0 &&
    r.internalErrors === 0 &&
    r.memoryGrowth < 0.1 &&
    r.secretsLogged === 0
  );
}

/** Runs the whole suite against a fresh mesh. */
export async function runAttackSuite(options: AttackOptions): Promise<AttackReport> {
  const { log } = options;
  const adminKey = `attack-suite-admin-${randomBytes(16).toString("hex")}`;
  const keys = generateKeyPairSync("ed25519");
  const jwt: SuiteJwt = {
    privateKeyPem: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: keys.publicKey.export({ type: "spki", format: "pem" }).toString(),
    hmacSecret: randomBytes(32).toString("hex"),
    issuer: "arbiter",
    audience: "arbiter",
  };
  const dataDir = mkdtempSync(join(tmpdir(), "arbiter-attacks-"));
  const memory = memoryProbe(dataDir);
  const mesh = await spawnRole(
    "start",
    {
      ...memory.env,
      ARBITER_DATA_DIR: dataDir,
      ARBITER_GATEWAY_PORT: "0",
      // Everything is logged, so a secret in any line is found.
      ARBITER_LOG_LEVEL: "debug",
      ARBITER_AUTH_ENABLED: "true",
      ARBITER_AUTH_BOOTSTRAP_ADMIN_KEY: adminKey,
      ARBITER_AUTH_JWT_PRIVATE_KEY: jwt.privateKeyPem,
      ARBITER_AUTH_JWT_PUBLIC_KEY: jwt.publicKeyPem,
      ARBITER_AUTH_JWT_HMAC_SECRET: jwt.hmacSecret,
    },
    dataDir,
  );
  const gatewayUrl = `http://127.0.0.1:${mesh.id}`;
  let ok = false;
  try {
    const matrix = await runMatrix({ gatewayUrl, adminKey, reflectionPublic: true, log });
    const credentials = await runCredentialAttacks({ gatewayUrl, adminKey, jwt, log });
    const isolation = await runIsolation({ gatewayUrl, adminKey, log });
    const fuzz = await runFuzz({
      gatewayUrl,
      apiKey: adminKey,
      pid: mesh.child.pid as number,
      memory,
      cases: options.fuzzCases,
      seed: options.seed,
      log,
    });
    // The log, read after the process has flushed it: no secret the suite knows may be in it.
    mesh.child.kill("SIGTERM");
    await mesh.exited;
    const logText = readFileSync(mesh.logFile, "utf8");
    const secrets = [
      adminKey,
      jwt.hmacSecret,
      pemBody(jwt.privateKeyPem),
      ...credentials.secrets,
      ...isolation.secrets,
    ];
    const logged = secrets.filter((secret) => logText.includes(secret));
    const report: AttackReport = {
      credentialsTried: credentials.tried,
      credentialsAccepted: credentials.accepted,
      matrixCells: matrix.cells,
      matrixWrong: matrix.wrong,
      isolationProbes: isolation.probes + isolation.vectorQueries,
      crossTenantLeaks: isolation.leaks,
      fuzzCases: fuzz.cases,
      crashes: fuzz.crashes,
      internalErrors: fuzz.internalErrors,
      memoryGrowth: fuzz.memoryGrowth,
      secretsLogged: logged.length,
      examples: [
        ...credentials.examples,
        ...matrix.examples,
        ...isolation.examples,
        ...fuzz.examples,
        ...logged.map((secret) => `a secret is in the log: ${secret.slice(0, 6)}…`),
      ],
    };
    log(`fuzz: memory growth ${(fuzz.memoryGrowth * 100).toFixed(1)} %`);
    log(`secrets in the mesh's debug log: ${logged.length} of ${secrets.length}; the log: ${mesh.logFile}`);
    ok = passed(report);
    return report;
  } finally {
    if (mesh.child.exitCode === null && mesh.child.signalCode === null) {
      mesh.child.kill("SIGTERM");
      await mesh.exited;
    }
    // Kept for a look when something got through.
    if (ok) rmSync(dataDir, { recursive: true, force: true });
  }
}
