import { startEmbeddedMesh } from "../support/mesh.ts";
import { inferenceSuite } from "./inference-suite.ts";

inferenceSuite("embedded", () => startEmbeddedMesh());
