import { startDistributedMesh } from "../support/mesh.ts";
import { pipelinesSuite, pluginDirForSuite } from "./pipelines-suite.ts";

pipelinesSuite("distributed: PostgreSQL + NATS, one gateway and two scheduler processes", () =>
  startDistributedMesh({ schedulers: 2, settings: { ARBITER_PLUGINS_DIR: pluginDirForSuite() } }),
);
