import { startDistributedMesh } from "../support/mesh.ts";
import { inferenceSuite } from "./inference-suite.ts";

inferenceSuite("distributed: one gateway, two schedulers", () => startDistributedMesh({ schedulers: 2 }));
