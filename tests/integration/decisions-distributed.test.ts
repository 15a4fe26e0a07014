import { startDistributedMesh } from "../support/mesh.ts";
import { decisionsSuite } from "./decisions-suite.ts";

decisionsSuite("distributed: PostgreSQL + NATS, one gateway and two scheduler processes", () =>
  startDistributedMesh({ schedulers: 2 }),
);
