/**
 * Signing keys for a mesh in one process (embedded mode): when no `auth.jwt.privateKey` is
 * configured, a fresh Ed25519 pair is made at start. Gateway and scheduler share the process and
 * so the pair; tokens issued with it end with the process (users log in again).
 */
import { generateKeyPairSync } from "node:crypto";
import type { ArbiterConfig } from "../config.ts";

/** `config`, with a key pair made now when it has no signing key. */
export function withProcessSigningKeys(config: ArbiterConfig): ArbiterConfig {
  if (config.auth.jwt.privateKey !== "") return config;
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwt = {
    ...config.auth.jwt,
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKey: config.auth.jwt.publicKey || publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
  return Object.freeze({ ...config, auth: Object.freeze({ ...config.auth, jwt: Object.freeze(jwt) }) });
}
