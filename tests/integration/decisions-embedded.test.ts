import { startEmbeddedMesh } from "../support/mesh.ts";
import { decisionsSuite } from "./decisions-suite.ts";

decisionsSuite("embedded: PGlite + in-process bus", () => startEmbeddedMesh());
