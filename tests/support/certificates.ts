/**
 * Throw-away X.509 material for TLS tests, made with the system's `openssl` command: a certificate
 * authority, and server or client certificates it signs (P-256 keys, valid for a day).
 */
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A certificate and its private key, as PEM files. */
export interface CertificateFiles {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (unencrypted). */
  key: string;
}

/** What a leaf certificate is for: `server` (serverAuth, with host names) or `client` (clientAuth). */
export type CertificateUse = "server" | "client";

const KEY_ARGS = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(args: string[]): void {
  execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** A self-signed CA named `name`, its files `<name>.crt` and `<name>.key` in `dir`. */
export function createCertificateAuthority(dir: string, name: string): CertificateFiles {
  const files = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  openssl([
    "req",
    "-x509",
    ...KEY_ARGS,
    "-days",
    "1",
    "-subj",
    `/CN=${name}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
    "-keyout",
    files.key,
    "-out",
    files.cert,
  ]);
  return files;
}

/**
 * A certificate signed by `ca`, its files `<name>.crt` and `<name>.key` in `dir`. A server
 * certificate names localhost and 127.0.0.1, where tests connect.
 */
export function issueCertificate(
  ca: CertificateFiles,
  dir: string,
  name: string,
  use: CertificateUse,
): CertificateFiles {
  const files = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  const request = join(dir, `${name}.csr`);
  const extensions = join(dir, `${name}.ext`);
  openssl(["req", ...KEY_ARGS, "-subj", `/CN=${name}`, "-keyout", files.key, "-out", request]);
  writeFileSync(
    extensions,
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      use === "server" ? "extendedKeyUsage=serverAuth" : "extendedKeyUsage=clientAuth",
      ...(use === "server" ? ["subjectAltName=DNS:localhost,IP:127.0.0.1"] : []),
      "",
    ].join("\n"),
  );
  openssl([
    "x509",
    "-req",
    "-in",
    request,
    "-CA",
    ca.cert,
    "-CAkey",
    ca.key,
    // A random serial: certificates of one CA must not share one.
    "-set_serial",
    `0x${Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("hex")}`,
    "-days",
    "1",
    "-extfile",
    extensions,
    "-out",
    files.cert,
  ]);
  return files;
}

/** SHA-256 fingerprint of a PEM certificate file, as Node prints it (`AB:CD:...`). */
export function fingerprintOf(certFile: string): string {
  return new X509Certificate(readFileSync(certFile)).fingerprint256;
}
