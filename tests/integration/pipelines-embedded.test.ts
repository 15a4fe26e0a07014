import { startEmbeddedMesh } from "../support/mesh.ts";
import { pipelinesSuite, pluginDirForSuite } from "./pipelines-suite.ts";

pipelinesSuite("embedded: PGlite + in-process bus", () =>
  startEmbeddedMesh({ ARBITER_PLUGINS_DIR: pluginDirForSuite() }),
);
