import { startEmbeddedMesh } from "../support/mesh.ts";
import { vectorsSuite } from "./vectors-suite.ts";

vectorsSuite("embedded: PGlite + in-process bus", () => startEmbeddedMesh());
