import { startEmbeddedMesh } from "../support/mesh.ts";
import { registrySuite, SUITE_UPLOAD_LIMIT } from "./registry-suite.ts";

registrySuite("embedded: PGlite + in-process bus", () =>
  startEmbeddedMesh({ ARBITER_LIMITS_MAX_MODEL_UPLOAD_BYTES: String(SUITE_UPLOAD_LIMIT) }),
);
