import { startDistributedMesh } from "../support/mesh.ts";
import { registrySuite, SUITE_UPLOAD_LIMIT } from "./registry-suite.ts";

registrySuite("distributed: PostgreSQL + NATS, one gateway and two scheduler processes", () =>
  startDistributedMesh({
    schedulers: 2,
    settings: { ARBITER_LIMITS_MAX_MODEL_UPLOAD_BYTES: String(SUITE_UPLOAD_LIMIT) },
  }),
);
