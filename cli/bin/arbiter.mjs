#!/usr/bin/env node
// Entry point of the `arbiter` command: registers the TypeScript loader, then runs the CLI.
import { register } from "node:module";

register("tsx/esm", import.meta.url);
await import("../src/main.ts");
