/**
 * The object an audited call acted on, as the audit log names it ("model/fraud/3",
 * "pipeline/scoring", "api_key/<id>"), read from the fields arbiter.v1 messages have in common
 * rather than one rule per method. The response is read first: it names what a create made (the
 * task's id, the version assigned); the request names the object of a call that failed.
 */

/** Kinds of object, and the field of their message that identifies one. */
const IDENTIFIED_BY: Readonly<Record<string, "id" | "name">> = {
  api_key: "id",
  collection: "name",
  model: "name",
  pipeline: "name",
  plugin: "name",
  principal: "id",
  stream_binding: "name",
  task: "id",
  tenant: "id",
};

/**
 * Fields (protobuf-es local names) that name the object, most telling first, with the kind they
 * name: a message (its id or name, and version when it has one) or a plain string. `name` and
 * `id` name an object of the kind the method's name mentions (see {@link NOUNS}).
 */
const OBJECT_FIELDS: readonly (readonly [field: string, kind: string])[] = [
  ["task", "task"],
  ["key", "api_key"],
  ["principal", "principal"],
  ["tenant", "tenant"],
  ["model", "model"],
  ["metadata", "model"],
  ["pipeline", "pipeline"],
  ["collection", "collection"],
  ["binding", "stream_binding"],
  ["plugin", "plugin"],
  ["principalId", "principal"],
];

/** The kind of object a method's name mentions: DeleteModelAlias acts on a model, RevokeApiKey on an API key. */
const NOUNS: readonly (readonly [noun: string, kind: string])[] = [
  ["ApiKey", "api_key"],
  ["Principal", "principal"],
  ["Tenant", "tenant"],
  ["StreamBinding", "stream_binding"],
  ["Collection", "collection"],
  ["Pipeline", "pipeline"],
  ["Model", "model"],
  ["Task", "task"],
  ["Plugin", "plugin"],
];

type Fields = Readonly<Record<string, unknown>>;

/**
 * Longest object name recorded. A failed call is audited with the name its request gave, and a
 * request may name its object with megabytes (refused, but recorded): unbounded, a few such calls
 * make every ListAuditEvents page hundreds of megabytes.
 */
export const MAX_AUDIT_OBJECT_CHARS = 300;

/**
 * The object `method` (its name, e.g. "DeletePipeline") acted on; "" when neither message names
 * one, cut to {@link MAX_AUDIT_OBJECT_CHARS}, NUL characters escaped. Secrets (passwords, API key secrets) are in no field
 * read here.
 */
export function auditObject(method: string, request: object | undefined, response: object | undefined): string {
  // A NUL character (refused by validation, but a call failing authentication is audited before
  // that) cannot be stored in PostgreSQL text: it is written as the escape "\u0000".
  const object = namedObject(method, request, response).replaceAll("\u0000", "\\u0000");
  if (object.length <= MAX_AUDIT_OBJECT_CHARS) return object;
  const note = `… (${object.length} characters)`;
  return object.slice(0, MAX_AUDIT_OBJECT_CHARS - note.length) + note;
}

function namedObject(method: string, request: object | undefined, response: object | undefined): string {
  for (const message of [response, request]) {
    if (message === undefined) continue;
    const fields = withOneofs(message as Fields);
    for (const [field, kind] of OBJECT_FIELDS) {
      const named = nameIn(fields[field], field, kind);
      if (named) return named;
    }
    const kind = NOUNS.find(([noun]) => method.includes(noun))?.[1];
    if (kind === undefined) continue;
    const id = fields[IDENTIFIED_BY[kind] ?? "name"] ?? fields.name ?? fields.id;
    if (typeof id === "string" && id !== "") return withVersion(`${kind}/${id}`, fields.version);
  }
  return "";
}

/** The message's fields, with each oneof's chosen field (`{case, value}`) as a field of its own. */
function withOneofs(message: Fields): Fields {
  let out: Record<string, unknown> | undefined;
  for (const value of Object.values(message)) {
    if (typeof value !== "object" || value === null) continue;
    const { case: field, value: chosen } = value as { case?: unknown; value?: unknown };
    if (typeof field !== "string") continue;
    out ??= { ...message };
    out[field] ??= chosen;
  }
  return out ?? message;
}

/**
 * "<kind>/<identifier>[/<version>]" of a string or message field; undefined when it is empty. A
 * message that refers to an object rather than being one names it in a field called like the
 * outer one (a task's target `pipeline` holds `{pipeline: "scoring"}`).
 */
function nameIn(value: unknown, field: string, kind: string): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : `${kind}/${value}`;
  if (typeof value !== "object" || value === null || value instanceof Uint8Array) return undefined;
  const fields = value as Fields;
  const own = fields[IDENTIFIED_BY[kind] ?? "name"];
  const id = typeof own === "string" && own !== "" ? own : fields[field];
  if (typeof id !== "string" || id === "") return undefined;
  return withVersion(`${kind}/${id}`, fields.version);
}

function withVersion(object: string, version: unknown): string {
  return (typeof version === "bigint" || typeof version === "number") && version > 0 ? `${object}/${version}` : object;
}
