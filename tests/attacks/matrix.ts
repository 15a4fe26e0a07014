/**
 * The role × RPC matrix, generated: every procedure the gateway serves (with the permission it
 * declares, gateway/src/auth/procedure-permissions.ts) called as each role of a tenant and as a
 * platform admin. A cell is right when a role that holds the permission gets past authorization
 * (any answer but PERMISSION_DENIED or UNAUTHENTICATED: the calls carry empty requests, so many
 * end in INVALID_ARGUMENT or NOT_FOUND from the handler) and a role that does not gets
 * PERMISSION_DENIED.
 */
import { PUBLIC_PERMISSION, type RoleName, roleGrants, SYSTEM_TENANT } from "@arbiter/core";
import { procedurePermissions, SERVED_SERVICES } from "@arbiter/gateway";
import { PrincipalKind, Role, TenantService } from "@arbiter/proto";
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import { clientAs, codeLabel, statusOf, transportWith } from "./attack-client.ts";

/** What the matrix found. */
export interface MatrixReport {
  cells: number;
  wrong: number;
  examples: string[];
}

const ROLES: Array<[RoleName, Role]> = [
  ["viewer", Role.VIEWER],
  ["developer", Role.DEVELOPER],
  ["operator", Role.OPERATOR],
  ["admin", Role.ADMIN],
];

const TIMEOUT_MS = 5_000;

/** Calls `method` with an empty request (or an empty stream) as whoever `headers` name. */
async function callEmpty(url: string, service: DescService, method: DescMethod, headers: Record<string, string>) {
  // biome-ignore lint/suspicious/noExplicitAny: one generic call for every method of every service
  const client = createClient(service, transportWith(url, headers)) as any;
  const fn = client[method.localName].bind(client);
  const none = (async function* () {})();
  return statusOf(async () => {
    switch (method.methodKind) {
      case "unary":
        return fn({}, { timeoutMs: TIMEOUT_MS });
      case "client_streaming":
        return fn(none, { timeoutMs: TIMEOUT_MS });
      case "server_streaming":
        for await (const _ of fn({}, { timeoutMs: TIMEOUT_MS })) break;
        return;
      case "bidi_streaming":
        for await (const _ of fn(none, { timeoutMs: TIMEOUT_MS })) break;
        return;
    }
  });
}

/** Checks every cell of the matrix on a running mesh (as `adminKey`'s platform admin and a tenant's roles). */
export async function runMatrix(options: {
  gatewayUrl: string;
  adminKey: string;
  reflectionPublic: boolean;
  log?: (line: string) => void;
}): Promise<MatrixReport> {
  const { gatewayUrl: url, adminKey } = options;
  const tenant = "matrix";
  await clientAs(TenantService, url, adminKey).createTenant({ id: tenant });
  const tenantAdmin = clientAs(TenantService, url, adminKey, tenant);
  const columns: Array<{ label: string; role: RoleName; tenant: string; key: string }> = [
    { label: "platform admin", role: "admin", tenant: SYSTEM_TENANT, key: adminKey },
  ];
  for (const [name, role] of ROLES) {
    const { principal } = await tenantAdmin.createPrincipal({
      kind: PrincipalKind.SERVICE_ACCOUNT,
      name: `matrix-${name}`,
      role,
    });
    const { secret } = await tenantAdmin.createApiKey({ principalId: principal?.id ?? "" });
    columns.push({ label: name, role: name, tenant, key: secret });
  }
  const permissions = procedurePermissions(SERVED_SERVICES, { reflectionPublic: options.reflectionPublic });
  const report: MatrixReport = { cells: 0, wrong: 0, examples: [] };
  for (const service of SERVED_SERVICES) {
    // Reflection is a bidirectional stream of its own protocol; its permission is checked like any other.
    for (const method of service.methods) {
      const procedure = `${service.typeName}/${method.name}`;
      const permission = permissions.get(procedure) ?? "(none)";
      for (const column of columns) {
        report.cells++;
        const allowed = permission === PUBLIC_PERMISSION || roleGrants(column.role, column.tenant, permission);
        const { code, message } = await callEmpty(url, service, method, { authorization: `Bearer ${column.key}` });
        const passed = code !== Code.PermissionDenied && code !== Code.Unauthenticated;
        if (passed !== allowed) {
          report.wrong++;
          if (report.examples.length < 20)
            report.examples.push(
              `${procedure} as ${column.label} (${permission}): expected ${allowed ? "allowed" : "PERMISSION_DENIED"}, got ${codeLabel(code)} ${message}`,
            );
        }
      }
    }
  }
  options.log?.(
    `matrix: ${report.cells} cells (${columns.length} callers × ${report.cells / columns.length} procedures), ${report.wrong} wrong`,
  );
  return report;
}
