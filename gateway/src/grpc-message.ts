/**
 * gRPC's `grpc-message` header: percent-encoded only outside printable ASCII (and "%" itself), as
 * the gRPC spec asks. Every status message the gateway sends goes through here, so every client
 * (grpc-js, grpcio, grpc-go, grpcurl) reads the message as written.
 */

/** The header value for a status message. */
export function encodeGrpcMessage(text: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(text)) {
    out +=
      b >= 0x20 && b <= 0x7e && b !== 0x25
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
