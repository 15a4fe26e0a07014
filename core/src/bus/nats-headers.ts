/** Conversions between the bus's headers (one value per name) and nats.js's. */
import { type MsgHdrs, headers as natsHeaders } from "nats";
import type { BusHeaders } from "./bus.ts";

/** Bus headers as NATS headers; undefined when there are none. */
export function toNatsHeaders(headers: BusHeaders | undefined): MsgHdrs | undefined {
  if (!headers) return undefined;
  const keys = Object.keys(headers);
  if (keys.length === 0) return undefined;
  const h = natsHeaders();
  for (const key of keys) h.set(key, headers[key] as string);
  return h;
}

/** NATS headers as bus headers (the first value of each name). */
export function fromNatsHeaders(h: MsgHdrs | undefined): BusHeaders {
  const out: BusHeaders = {};
  if (!h) return out;
  for (const [key, values] of h) {
    const first = values[0];
    if (first !== undefined) out[key] = first;
  }
  return out;
}
