/**
 * The gateway's TLS files (certificate, key, optional client CA bundle), loaded, checked and
 * watched: when any of them changes, the new set is checked and handed over, so a certificate
 * renewed on disk serves new connections without a restart.
 *
 * Two signals of a change, because neither is enough alone: `fs.watch` on each file's directory
 * reacts at once and also sees Kubernetes' way of updating a mounted Secret (a new timestamped
 * directory, then the `..data` symlink renamed over the old one: the files' own names never get an
 * event), and a periodic `stat` catches volumes that deliver no notifications (NFS, some FUSE
 * mounts). Both only schedule a check, debounced, so a writer replacing the certificate and then
 * the key is read once both are in place.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { type FSWatcher, readFileSync, statSync, watch } from "node:fs";
import { dirname } from "node:path";
import { createSecureContext, type SecureContextOptions } from "node:tls";
import type { Logger } from "@arbiter/core";

/** Where the gateway's TLS material lives. */
export interface TlsFiles {
  /** PEM certificate chain, the server's own certificate first. */
  certFile: string;
  /** PEM private key of the certificate. */
  keyFile: string;
  /** PEM CA bundle that client certificates must chain to (mutual TLS); absent: no client certificates. */
  clientCaFile?: string | undefined;
}

/** Options of {@link watchTlsFiles}. */
export interface TlsReloaderOptions {
  files: TlsFiles;
  /** Receives each new, checked set of files (not the one loaded at start). */
  apply: (context: SecureContextOptions) => void;
  logger: Logger;
  /** Interval of the fallback `stat` check, in milliseconds. */
  checkIntervalMs: number;
  /** Quiet time after a notification before the files are read, in milliseconds. Default 250. */
  debounceMs?: number;
  /**
   * {@link tlsFilesSignature} taken before the serving set was loaded; default: now. Taken before,
   * a change landing while the set loads is seen as a change (and loaded again), never missed.
   */
  since?: string;
}

/** A running watch; `close` stops it. */
export interface TlsReloader {
  close(): void;
}

/**
 * Reads the files and checks them: the certificate and the key parse and belong together, and the
 * CA bundle holds at least one certificate. Throws an Error saying which file is wrong, so a bad
 * set never replaces a good one (Node would accept an empty certificate and only fail handshakes).
 */
export function loadTlsContext(files: TlsFiles): SecureContextOptions {
  const cert = readFileSync(files.certFile);
  const key = readFileSync(files.keyFile);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (err) {
    throw new Error(`${files.certFile}: not a PEM certificate (${(err as Error).message})`, { cause: err });
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch (err) {
    throw new Error(`${files.keyFile}: not a PEM private key (${(err as Error).message})`, { cause: err });
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new Error(`${files.keyFile}: the key does not belong to the certificate in ${files.certFile}`);
  }
  const context: SecureContextOptions = { cert, key };
  if (files.clientCaFile) {
    const ca = readFileSync(files.clientCaFile);
    if (!ca.toString("latin1").includes("-----BEGIN CERTIFICATE-----")) {
      throw new Error(`${files.clientCaFile}: no PEM certificate in the CA bundle`);
    }
    try {
      // Parses every certificate of the bundle, not only the first.
      for (const pem of splitPemCertificates(ca.toString("latin1"))) new X509Certificate(pem);
    } catch (err) {
      throw new Error(`${files.clientCaFile}: unreadable CA certificate (${(err as Error).message})`, { cause: err });
    }
    context.ca = ca;
  }
  // Whatever else OpenSSL objects to (an unsupported key type, say) fails here, not in handshakes.
  createSecureContext(context);
  return context;
}

function splitPemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * What identifies the files' current contents cheaply (device, inode, size, modification time of
 * each): stat follows symlinks, so a swapped `..data` link shows as a change.
 */
export function tlsFilesSignature(files: TlsFiles): string {
  const paths = [files.certFile, files.keyFile, ...(files.clientCaFile ? [files.clientCaFile] : [])];
  return paths
    .map((path) => {
      try {
        const s = statSync(path);
        return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
      } catch {
        return "missing";
      }
    })
    .join("|");
}

/**
 * Watches the files and calls `apply` with each changed set that passes {@link loadTlsContext}.
 * A set that fails is logged as an error and ignored; the previous one keeps serving, and the
 * files are tried again at their next change.
 */
export function watchTlsFiles(options: TlsReloaderOptions): TlsReloader {
  const { files, apply, logger } = options;
  const debounceMs = options.debounceMs ?? 250;
  let seen = options.since ?? tlsFilesSignature(files);
  let pending: NodeJS.Timeout | undefined;
  let closed = false;

  const check = () => {
    pending = undefined;
    if (closed) return;
    const now = tlsFilesSignature(files);
    if (now === seen) return;
    seen = now;
    let context: SecureContextOptions;
    try {
      context = loadTlsContext(files);
    } catch (err) {
      logger.error({ err }, "new TLS files rejected; the previous certificate keeps serving");
      return;
    }
    try {
      apply(context);
    } catch (err) {
      logger.error({ err }, "new TLS files could not be applied; the previous certificate keeps serving");
      return;
    }
    logger.info(
      { certFile: files.certFile, clientCaFile: files.clientCaFile || undefined },
      "TLS certificate reloaded",
    );
  };
  const schedule = () => {
    if (closed) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(check, debounceMs);
    pending.unref();
  };

  const watchers: FSWatcher[] = [];
  const directories = new Set([files.certFile, files.keyFile, files.clientCaFile ?? ""].filter(Boolean).map(dirname));
  for (const directory of directories) {
    try {
      const watcher = watch(directory, { persistent: false }, schedule);
      // A watch that breaks (directory removed, inotify limits) leaves the periodic check.
      watcher.on("error", (err) =>
        logger.warn({ err, directory }, "TLS directory watch failed; checking periodically"),
      );
      watchers.push(watcher);
    } catch (err) {
      logger.warn({ err, directory }, "cannot watch the TLS directory; checking periodically");
    }
  }
  const interval = setInterval(() => {
    if (tlsFilesSignature(files) !== seen) schedule();
  }, options.checkIntervalMs);
  interval.unref();

  return {
    close() {
      closed = true;
      if (pending) clearTimeout(pending);
      clearInterval(interval);
      for (const watcher of watchers) watcher.close();
    },
  };
}
