/**
 * TLS to NATS from the `bus` settings. The client is given file paths, not their contents: it
 * reads them at every (re)connection, so a client certificate renewed on disk is used at the next
 * reconnect without a restart.
 */
import { accessSync, constants } from "node:fs";
import type { TlsOptions } from "nats";
import { InvalidArgumentError } from "../errors.ts";

/** The TLS files of a NATS connection, named as in the `bus` settings; empty strings are unset. */
export interface NatsTlsSettings {
  /** PEM CA bundle that signed the servers' certificates. */
  natsTlsCaFile: string;
  /** PEM client certificate, for servers that verify clients. */
  natsTlsCertFile: string;
  /** PEM private key of the client certificate. */
  natsTlsKeyFile: string;
}

/**
 * The client's `tls` option: undefined (TLS only if the server demands it, verified against the
 * system CAs) when no file is set; otherwise TLS is required with the files given. A client
 * certificate without its key (or the reverse), or a file that cannot be read, fails here, naming
 * the setting, rather than as an obscure handshake error.
 */
export function natsTlsOptions(settings: NatsTlsSettings): TlsOptions | undefined {
  const { natsTlsCaFile: caFile, natsTlsCertFile: certFile, natsTlsKeyFile: keyFile } = settings;
  if (!caFile && !certFile && !keyFile) return undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new InvalidArgumentError(
      "bus.natsTlsCertFile and bus.natsTlsKeyFile",
      "both set (client certificate) or both empty",
      certFile ? "a certificate without a key" : "a key without a certificate",
    );
  }
  const tls: TlsOptions = {};
  for (const [setting, path] of [
    ["bus.natsTlsCaFile", caFile],
    ["bus.natsTlsCertFile", certFile],
    ["bus.natsTlsKeyFile", keyFile],
  ] as const) {
    if (!path) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch (err) {
      throw new InvalidArgumentError(setting, "a readable PEM file", `${path} (${(err as Error).message})`, {
        cause: err,
      });
    }
  }
  if (caFile) tls.caFile = caFile;
  if (certFile) tls.certFile = certFile;
  if (keyFile) tls.keyFile = keyFile;
  return tls;
}
