#!/usr/bin/env node
// Writes kubeconform schemas for the Helm chart's checks, offline, from API definitions that come
// through the Go module proxy: the Kubernetes OpenAPI v2 spec (k8s.io/kubernetes
// api/openapi-spec/swagger.json) and CustomResourceDefinition YAML files (Gateway API,
// prometheus-operator).
//
//   node scripts/helm-schemas.mjs --out DIR --openapi swagger.json [--crd file.yaml ...] apiVersion/Kind ...
//
// Each requested kind (e.g. apps/v1/Deployment, v1/Service, gateway.networking.k8s.io/v1/HTTPRoute)
// becomes DIR/<kind>-<group prefix>-<version>.json, the name kubeconform looks for with
// `-schema-location 'DIR/{{ .ResourceKind }}{{ .KindSuffix }}.json'`. The schemas are standalone
// (every $ref inlined) and strict (an object that lists its properties allows no others, so a
// misspelt or misplaced field fails), like kubeconform's own "standalone-strict" ones. Kinds found
// in neither source are an error.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

/** The OpenAPI definitions whose JSON form is looser than their declared type. */
const SPECIAL_REFS = {
  // An int-or-string field (ports, maxUnavailable) takes either.
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": { oneOf: [{ type: "string" }, { type: "integer" }] },
  // A quantity is written "500m", "1Gi" or a plain number.
  "io.k8s.apimachinery.pkg.api.resource.Quantity": { oneOf: [{ type: "string" }, { type: "number" }] },
};

function parseArgs(argv) {
  const args = { out: undefined, openapi: undefined, crds: [], kinds: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") args.out = argv[++i];
    else if (arg === "--openapi") args.openapi = argv[++i];
    else if (arg === "--crd") args.crds.push(argv[++i]);
    else if (arg.startsWith("--")) throw new Error(`unknown flag ${arg}`);
    else args.kinds.push(arg);
  }
  if (!args.out) throw new Error("--out DIR is required");
  return args;
}

/** Lets a non-root value also be null, as rendered manifests sometimes write (creationTimestamp: null). */
function nullable(schema) {
  if (schema.oneOf) return { ...schema, oneOf: [...schema.oneOf, { type: "null" }] };
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  return schema;
}

/**
 * Converts one OpenAPI schema to a standalone strict JSON schema (draft 4, kubeconform's default).
 * `definitions` resolves $refs; `seen` stops recursive types (none of the rendered kinds has one,
 * but JSONSchemaProps does), which are then left open.
 */
function convert(schema, definitions, seen = new Set(), root = true) {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/definitions\//, "");
    if (SPECIAL_REFS[name]) return nullable(SPECIAL_REFS[name]);
    const target = definitions[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    if (seen.has(name)) return {};
    return convert(target, definitions, new Set([...seen, name]), root);
  }
  if (schema["x-kubernetes-int-or-string"])
    return nullable(SPECIAL_REFS["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]);
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    // Descriptions only make the files big; x-kubernetes-* and nullable are not JSON schema.
    if (key === "description" || key === "nullable" || key.startsWith("x-kubernetes-")) continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, convert(child, definitions, seen, false)]),
      );
    } else if (key === "items" || (key === "additionalProperties" && typeof value === "object")) {
      out[key] = convert(value, definitions, seen, false);
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      out[key] = value.map((child) => convert(child, definitions, seen, false));
    } else if (key === "required") {
      if (value.length > 0) out.required = value; // draft 4 rejects an empty list
    } else {
      out[key] = value;
    }
  }
  const open = schema["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.properties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  return root ? out : nullable(out);
}

/** kubeconform's file name for a kind: deployment-apps-v1.json, service-v1.json, httproute-gateway-v1.json. */
function fileName(apiVersion, kind) {
  const [groupOrVersion, version] = apiVersion.split("/");
  const suffix = version === undefined ? groupOrVersion : `${groupOrVersion.split(".")[0]}-${version}`;
  return `${kind.toLowerCase()}-${suffix.toLowerCase()}.json`;
}

/** Every top-level kind of the OpenAPI spec, as "apiVersion/Kind" → schema. */
function kindsOfOpenApi(path) {
  const spec = JSON.parse(readFileSync(path, "utf8"));
  const kinds = new Map();
  for (const [name, definition] of Object.entries(spec.definitions)) {
    for (const gvk of definition["x-kubernetes-group-version-kind"] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      kinds.set(`${apiVersion}/${gvk.kind}`, () => convert({ $ref: `#/definitions/${name}` }, spec.definitions));
    }
  }
  return kinds;
}

/** Every served version of every CRD in `path`, as "apiVersion/Kind" → schema. */
function kindsOfCrds(path) {
  const kinds = new Map();
  for (const doc of parseAllDocuments(readFileSync(path, "utf8"))) {
    const crd = doc.toJS();
    if (crd?.kind !== "CustomResourceDefinition") continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (!schema) continue;
      kinds.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, () => convert(schema, {}));
    }
  }
  return kinds;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const available = new Map();
  if (args.openapi) for (const [k, v] of kindsOfOpenApi(args.openapi)) available.set(k, v);
  for (const crd of args.crds) for (const [k, v] of kindsOfCrds(crd)) available.set(k, v);
  mkdirSync(args.out, { recursive: true });
  const missing = [];
  for (const requested of args.kinds) {
    const make = available.get(requested);
    if (!make) {
      missing.push(requested);
      continue;
    }
    const slash = requested.lastIndexOf("/");
    const schema = { $schema: "http://json-schema.org/draft-04/schema#", ...make() };
    writeFileSync(
      join(args.out, fileName(requested.slice(0, slash), requested.slice(slash + 1))),
      JSON.stringify(schema),
    );
  }
  if (missing.length > 0) {
    process.stderr.write(`helm-schemas: no definition of ${missing.join(", ")} in the given spec and CRDs\n`);
    process.exit(1);
  }
}

main();
