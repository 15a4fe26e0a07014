/**
 * TLS to PostgreSQL from the `database` settings, as the `ssl` option of a `pg` pool. The modes
 * follow libpq's names: `disable` (plain), `require` (encrypted, the server's certificate not
 * checked), `verify-full` (encrypted, the certificate checked against the CA bundle, or the
 * system's CAs without one, and its name against the host connected to).
 */
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { InvalidArgumentError } from "../errors.ts";

/** The TLS settings of a PostgreSQL connection, named as in the `database` settings; empty strings are unset. */
export interface PostgresSslSettings {
  sslMode: string;
  /** PEM CA bundle that signed the server's certificate. */
  sslCaFile: string;
  /** PEM client certificate (certificate authentication). */
  sslCertFile: string;
  /** PEM private key of the client certificate. */
  sslKeyFile: string;
}

/**
 * The pool's `ssl` option: undefined with `disable` (so an sslmode in the URL, or PGSSLMODE, still
 * decides), otherwise the TLS options with the files read. Fails naming the setting when a file
 * cannot be read, when a client certificate comes without its key, or when files are given with
 * `disable` (they would be silently ignored, and the connection left in plain text).
 */
export function postgresSslOptions(settings: PostgresSslSettings): ConnectionOptions | undefined {
  const { sslMode, sslCaFile, sslCertFile, sslKeyFile } = settings;
  if (Boolean(sslCertFile) !== Boolean(sslKeyFile)) {
    throw new InvalidArgumentError(
      "database.sslCertFile and database.sslKeyFile",
      "both set (client certificate) or both empty",
      sslCertFile ? "a certificate without a key" : "a key without a certificate",
    );
  }
  if (sslMode === "disable") {
    if (sslCaFile || sslCertFile) {
      throw new InvalidArgumentError(
        "database.sslMode",
        "require or verify-full when database.sslCaFile or database.sslCertFile is set",
        "disable",
      );
    }
    return undefined;
  }
  if (sslMode !== "require" && sslMode !== "verify-full") {
    throw new InvalidArgumentError("database.sslMode", "one of disable, require, verify-full", sslMode);
  }
  const read = (setting: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new InvalidArgumentError(setting, "a readable PEM file", `${path} (${(err as Error).message})`, {
        cause: err,
      });
    }
  };
  // verify-full: Node's defaults already check the chain and the host name (checkServerIdentity).
  const options: ConnectionOptions = { rejectUnauthorized: sslMode === "verify-full" };
  if (sslCaFile) options.ca = read("database.sslCaFile", sslCaFile);
  if (sslCertFile) options.cert = read("database.sslCertFile", sslCertFile);
  if (sslKeyFile) options.key = read("database.sslKeyFile", sslKeyFile);
  return options;
}
