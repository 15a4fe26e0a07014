/**
 * Which hosts remote nodes may call. A pipeline author chooses a remote node's URL, so without a
 * list a pipeline could make the scheduler call anything it can reach (cloud metadata endpoints,
 * internal services). Entries:
 *
 * - `api.example.com`: that host, any port;
 * - `api.example.com:8443`: that host and port (IPv6 as `[2001:db8::1]:8443`);
 * - `*.example.com`: every subdomain of example.com (not example.com itself);
 * - `*`: every host except loopback ones.
 *
 * Loopback hosts (`localhost` and `*.localhost`, 127.0.0.0/8, `::1`, `0.0.0.0`, `::`) are refused
 * unless `allowLoopback` is set (then all of them are allowed, listed or not) or an entry names
 * them explicitly (`127.0.0.1:8001`). Matching is on the URL's host name as written: the list does
 * not resolve names, so an allowed name that resolves to an internal address is reachable — list
 * only names you control. Redirects are never followed (see remote-runner.ts).
 */
import { InvalidArgumentError } from "@arbiter/core";

interface Entry {
  readonly host: string;
  readonly port: string | undefined;
  readonly wildcard: boolean;
  readonly any: boolean;
}

/** Options of a {@link HostAllowList}. */
export interface HostAllowListOptions {
  /** Allow every loopback host (for a local model server or tests); default false. */
  readonly allowLoopback?: boolean;
}

function defaultPort(url: URL): string {
  return url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
}

/** True for host names and addresses that reach this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || h === "::" || h === "0.0.0.0" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || v4 === "0.0.0.0";
}

function parseEntry(text: string, index: number): Entry {
  const bad = () =>
    new InvalidArgumentError(`remote.allowedHosts[${index}]`, "a host, host:port, *.domain or *", JSON.stringify(text));
  const t = text.trim().toLowerCase();
  if (t === "*") return { host: "", port: undefined, wildcard: false, any: true };
  const wildcard = t.startsWith("*.");
  const rest = wildcard ? t.slice(2) : t;
  // Reuse the URL parser for brackets, ports and IDNA; the scheme only makes it parse.
  let url: URL;
  try {
    url = new URL(`http://${rest}`);
  } catch {
    throw bad();
  }
  if (rest === "" || url.pathname !== "/" || url.username !== "" || url.search !== "" || url.hash !== "") throw bad();
  return { host: url.hostname, port: url.port === "" ? undefined : url.port, wildcard, any: false };
}

/** Decides whether a URL's host may be called (see the module comment). */
export class HostAllowList {
  readonly #entries: readonly Entry[];
  readonly #allowLoopback: boolean;

  /** Throws InvalidArgumentError naming the entry (`remote.allowedHosts[i]`) when one is malformed. */
  constructor(hosts: readonly string[], options: HostAllowListOptions = {}) {
    this.#entries = hosts.map((h, i) => parseEntry(h, i));
    this.#allowLoopback = options.allowLoopback ?? false;
  }

  /** True when `url` may be called. */
  allows(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    const port = defaultPort(url);
    const loopback = isLoopbackHost(host);
    if (loopback && this.#allowLoopback) return true;
    return this.#entries.some((e) => {
      if (e.any) return !loopback;
      if (e.port !== undefined && e.port !== port) return false;
      return e.wildcard ? host.endsWith(`.${e.host}`) : host === e.host;
    });
  }

  /** The configured entries and the loopback rule, for error messages. */
  describe(): string {
    const hosts = this.#entries.map((e) =>
      e.any ? "*" : `${e.wildcard ? "*." : ""}${e.host}${e.port ? `:${e.port}` : ""}`,
    );
    if (this.#allowLoopback) hosts.push("loopback");
    return hosts.length === 0 ? "none (the remote allow-list is empty)" : hosts.join(", ");
  }
}
