/**
 * LoadPlugin reaches one scheduler (the queue group picks it); every other scheduler loads the same
 * file from its own plugin directory when that one announces it, so ListPlugins and plugin nodes
 * see the same plugins whichever node answers.
 */
import type { Bus, Logger } from "@arbiter/core";
import type { PluginCatalog } from "../plugins/index.ts";

/** Broadcast to every scheduler: a user plugin file was loaded (JSON `{ file, node }`). */
export const PLUGIN_LOADED_SUBJECT = "arbiter.control.plugin-loaded";

interface Announcement {
  file: string;
  node: string;
}

/** Tells the other schedulers that this node loaded `file`. */
export function announcePluginLoaded(bus: Bus, nodeId: string, file: string): void {
  const message: Announcement = { file, node: nodeId };
  bus.publish(PLUGIN_LOADED_SUBJECT, new TextEncoder().encode(JSON.stringify(message)));
}

/**
 * Loads every plugin file another scheduler announces, one at a time (the catalog serialises
 * loads). A file that fails here is logged, not retried: ListPlugins on this node shows why.
 * Returns the function that stops listening.
 */
export function followPluginLoads(bus: Bus, catalog: PluginCatalog, nodeId: string, logger: Logger): () => void {
  const sub = bus.subscribe(PLUGIN_LOADED_SUBJECT, (message) => {
    let announced: Announcement;
    try {
      announced = JSON.parse(new TextDecoder().decode(message.data)) as Announcement;
    } catch {
      return;
    }
    if (announced.node === nodeId || typeof announced.file !== "string") return;
    catalog.load(announced.file).then(
      (info) =>
        logger.info(
          { plugin: info.name, file: announced.file, from: announced.node },
          "plugin loaded after another node did",
        ),
      (err) =>
        logger.warn({ err, file: announced.file, from: announced.node }, "could not load a plugin another node loaded"),
    );
  });
  return () => sub.unsubscribe();
}
