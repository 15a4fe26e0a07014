import { startDistributedMesh } from "../support/mesh.ts";
import { vectorsSuite } from "./vectors-suite.ts";

vectorsSuite("distributed: PostgreSQL + NATS, one gateway and two scheduler processes", () =>
  startDistributedMesh({ schedulers: 2 }),
);
