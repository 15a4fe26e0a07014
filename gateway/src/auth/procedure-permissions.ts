/**
 * The permission each procedure needs, read from the contract: arbiter.v1 methods declare it with
 * the `arbiter.v1.permission` option next to their definition. The Open Inference Protocol's
 * methods (a contract not ours to annotate) get theirs from the table below; health is public,
 * reflection public unless configured otherwise. This map is the role × RPC matrix's source.
 */
import { PUBLIC_PERMISSION } from "@arbiter/core";
import { permission as permissionOption } from "@arbiter/proto";
import { Health } from "@arbiter/proto/grpc";
import { GRPCInferenceService } from "@arbiter/proto/inference";
import { type DescService, getOption } from "@bufbuild/protobuf";

const OPEN_INFERENCE: Readonly<Record<string, string>> = {
  // What Triton's and KServe's clients probe before anything else, as health is.
  ServerLive: PUBLIC_PERMISSION,
  ServerReady: PUBLIC_PERMISSION,
  ServerMetadata: PUBLIC_PERMISSION,
  ModelReady: "models.read",
  ModelMetadata: "models.read",
  ModelConfig: "models.read",
  ModelStatistics: "models.read",
  RepositoryIndex: "models.read",
  ModelInfer: "models.infer",
  ModelStreamInfer: "models.infer",
  RepositoryModelLoad: "models.operate",
  RepositoryModelUnload: "models.operate",
  // Triton's process-wide controls (answered UNIMPLEMENTED or process-wide): administrators only.
  SystemSharedMemoryStatus: "cluster.admin",
  SystemSharedMemoryRegister: "cluster.admin",
  SystemSharedMemoryUnregister: "cluster.admin",
  CudaSharedMemoryStatus: "cluster.admin",
  CudaSharedMemoryRegister: "cluster.admin",
  CudaSharedMemoryUnregister: "cluster.admin",
  TraceSetting: "cluster.admin",
  LogSettings: "cluster.admin",
};

/** Permission needed to call a procedure ("package.Service/Method"), for every served procedure. */
export function procedurePermissions(
  services: readonly DescService[],
  options: { reflectionPublic: boolean },
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const service of services) {
    for (const method of service.methods) {
      const procedure = `${service.typeName}/${method.name}`;
      if (service.typeName === GRPCInferenceService.typeName) {
        const needed = OPEN_INFERENCE[method.name];
        if (needed === undefined) throw new Error(`no permission is declared for ${procedure}`);
        out.set(procedure, needed);
      } else if (service.typeName === Health.typeName) {
        out.set(procedure, PUBLIC_PERMISSION);
      } else if (service.typeName.startsWith("grpc.reflection.")) {
        // Reflection lists the API, never data; still, some installations hide even that.
        out.set(procedure, options.reflectionPublic ? PUBLIC_PERMISSION : "self.read");
      } else {
        const needed = getOption(method, permissionOption);
        // A method without the option is a contract bug: fail at start, never serve it open.
        if (!needed) throw new Error(`${procedure} declares no (arbiter.v1.permission) option`);
        out.set(procedure, needed);
      }
    }
  }
  return out;
}
