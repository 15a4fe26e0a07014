/**
 * The attack suite's tenant-isolation attack, against one running mesh with authentication on:
 * two tenants made through the public API (see isolation-setup.ts), tenant B's admin trying every
 * RPC and REST route on tenant A's objects by guessed and leaked ids (isolation-probes.ts), then
 * making its own objects under A's names and keys (isolation-creation.ts), A checking afterwards
 * that nothing of its changed (isolation-intact.ts), and B searching same-named collections with
 * queries planted next to A's vectors (isolation-vectors.ts).
 */

import { creationProbes } from "./isolation-creation.ts";
import { changedObjectsOfA } from "./isolation-intact.ts";
import { loginProbes, type Probe, readAndMutationProbes, restProbes } from "./isolation-probes.ts";
import { setUpTenants, USER_PASSWORD } from "./isolation-setup.ts";
import { plantedVectorQueries } from "./isolation-vectors.ts";

/** Options of {@link runIsolation}. */
export interface IsolationOptions {
  /** http://127.0.0.1:<port> of the gateway (loopback only). */
  gatewayUrl: string;
  /** The bootstrap admin's API key (a platform admin of tenant `default`). */
  adminKey: string;
  log?: (line: string) => void;
  /** Also log every probe and what it answered. */
  verbose?: boolean;
}

/** What the attack found. */
export interface IsolationResult {
  /** Calls of B on A's objects (RPCs and REST routes), plus A's checks that its objects are intact. */
  probes: number;
  /** Probes that answered anything but NOT_FOUND or returned something of A's, changes to A's objects, and planted queries that found A's vectors. */
  leaks: number;
  /** Planted vector-search queries B made (Search and SearchBatch). */
  vectorQueries: number;
  /** The first leaks: method, id kind, what came back. */
  examples: string[];
  /** The credentials the attack made (both tenants' API keys and tokens, the users' password), for a search of the logs. */
  secrets: string[];
}

const MAX_EXAMPLES = 20;
const SEARCHES = 1000;
const BATCHES = 10;
const BATCH_SIZE = 50;

/** The same probes, named with how they were made. */
function via(how: string, probes: Probe[]): Probe[] {
  return probes.map((probe) => ({ ...probe, method: `${probe.method} [${how}]` }));
}

/** Runs the isolation attack; see the file's comment. */
export async function runIsolation(options: IsolationOptions): Promise<IsolationResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const setup = await setUpTenants(options.gatewayUrl, options.adminKey);
  log(`isolation: tenants ${setup.a.id} and ${setup.b.id} and A's objects ready in ${Date.now() - started} ms`);

  let probes = 0;
  let leaks = 0;
  const examples: string[] = [];
  const leak = (line: string) => {
    leaks++;
    if (examples.length < MAX_EXAMPLES) examples.push(line);
  };
  const runAll = async (list: Probe[]) => {
    for (const probe of list) {
      probes++;
      const found = await probe.run();
      if (options.verbose)
        log(`  ${found === undefined ? "hidden" : "LEAK  "} ${probe.method} (${probe.idKind}): ${probe.answer}`);
      if (found !== undefined) leak(`${probe.method} (${probe.idKind}): ${found}`);
    }
  };

  // Every RPC probe as B's admin over gRPC, again over Connect with JSON bodies (the gateway's other
  // path to the handlers), and as B's admin user signed in with a JWT instead of an API key. These
  // only read or fail, so the passes run side by side; the creations come after all of them.
  const probesStarted = Date.now();
  await Promise.all([
    runAll(readAndMutationProbes(setup, setup.b.caller)),
    runAll(via("Connect JSON", readAndMutationProbes(setup, { ...setup.b.caller, protocol: "connect" }))),
    runAll(via("JWT", readAndMutationProbes(setup, setup.b.tokenCaller))),
    runAll([...restProbes(setup), ...loginProbes(setup)]),
  ]);
  await runAll(creationProbes(setup));
  const changed = await changedObjectsOfA(setup);
  probes += changed.checks;
  for (const change of changed.problems) leak(`A's objects changed: ${change}`);
  log(`isolation: ${probes} probes, ${leaks} leaks, in ${Date.now() - probesStarted} ms`);

  const queriesStarted = Date.now();
  const planted = await plantedVectorQueries(setup, { search: SEARCHES, batches: BATCHES, batchSize: BATCH_SIZE });
  for (const example of planted.examples) if (examples.length < MAX_EXAMPLES) examples.push(example);
  leaks += planted.leaks;
  log(
    `isolation: ${planted.queries} planted vector queries, ${planted.leaks} found A's vectors, in ${Date.now() - queriesStarted} ms`,
  );
  log(`isolation: done in ${Date.now() - started} ms`);
  const secrets = [setup.a, setup.b].flatMap((t) => [t.caller.key, t.tokenCaller.key]);
  return { probes, leaks, vectorQueries: planted.queries, examples, secrets: [...secrets, USER_PASSWORD] };
}
