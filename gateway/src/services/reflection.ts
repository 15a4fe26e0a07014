/**
 * gRPC server reflection, v1 and v1alpha, so that grpcurl and other tools can list and describe
 * the services without local .proto files. Files are answered with their transitive imports.
 */

import type { reflectionV1, reflectionV1alpha } from "@arbiter/proto/grpc";
import { createRegistry, type DescFile, type DescService, type Registry, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";

type Request = reflectionV1.ServerReflectionRequest;
type ResponseInit = Omit<
  reflectionV1.ServerReflectionResponse,
  "$typeName" | "validHost" | "originalRequest" | "messageResponse"
> & {
  messageResponse: reflectionV1.ServerReflectionResponse["messageResponse"];
};

const NOT_FOUND = 5;
const INVALID_ARGUMENT = 3;

/** Answers reflection requests about `services` (and every file they depend on). */
export class ReflectionIndex {
  private readonly registry: Registry;
  private readonly files = new Map<string, DescFile>();

  constructor(private readonly services: readonly DescService[]) {
    const addFile = (file: DescFile) => {
      if (this.files.has(file.name)) return;
      this.files.set(file.name, file);
      for (const dep of file.dependencies) addFile(dep);
    };
    for (const service of services) addFile(service.file);
    this.registry = createRegistry(...this.files.values());
  }

  /** Serialized FileDescriptorProtos of `file` and its transitive imports, the file first. */
  private fileWithDeps(file: DescFile): Uint8Array[] {
    const out: Uint8Array[] = [];
    const seen = new Set<string>();
    const visit = (f: DescFile) => {
      if (seen.has(f.name)) return;
      seen.add(f.name);
      out.push(toBinary(FileDescriptorProtoSchema, f.proto));
      for (const dep of f.dependencies) visit(dep);
    };
    visit(file);
    return out;
  }

  private error(code: number, message: string): ResponseInit["messageResponse"] {
    return {
      case: "errorResponse",
      value: { errorCode: code, errorMessage: message },
    } as ResponseInit["messageResponse"];
  }

  /** The answer to one request (shared by v1 and v1alpha: their messages are identical). */
  answer(req: Request): ResponseInit["messageResponse"] {
    const mr = req.messageRequest;
    switch (mr.case) {
      case "listServices":
        return {
          case: "listServicesResponse",
          value: { service: this.services.map((s) => ({ name: s.typeName })) },
        } as ResponseInit["messageResponse"];
      case "fileByFilename": {
        const file = this.files.get(mr.value);
        if (!file) return this.error(NOT_FOUND, `file "${mr.value}" not found`);
        return {
          case: "fileDescriptorResponse",
          value: { fileDescriptorProto: this.fileWithDeps(file) },
        } as ResponseInit["messageResponse"];
      }
      case "fileContainingSymbol": {
        const symbol = mr.value.replace(/^\./, "");
        const desc = this.registry.get(symbol) ?? this.registry.get(symbol.replace(/\.[^.]+$/, ""));
        const file = desc && "file" in desc ? (desc.file as DescFile) : undefined;
        if (!file) return this.error(NOT_FOUND, `symbol "${mr.value}" not found`);
        return {
          case: "fileDescriptorResponse",
          value: { fileDescriptorProto: this.fileWithDeps(file) },
        } as ResponseInit["messageResponse"];
      }
      case "fileContainingExtension": {
        const ext = this.registry.getExtensionFor(
          this.registry.getMessage(mr.value.containingType) as never,
          mr.value.extensionNumber,
        );
        if (!ext)
          return this.error(
            NOT_FOUND,
            `extension ${mr.value.extensionNumber} of "${mr.value.containingType}" not found`,
          );
        return {
          case: "fileDescriptorResponse",
          value: { fileDescriptorProto: this.fileWithDeps(ext.file) },
        } as ResponseInit["messageResponse"];
      }
      case "allExtensionNumbersOfType": {
        const message = this.registry.getMessage(mr.value);
        if (!message) return this.error(NOT_FOUND, `type "${mr.value}" not found`);
        const numbers: number[] = [];
        for (const type of this.registry) {
          if (type.kind === "extension" && type.extendee.typeName === message.typeName) numbers.push(type.number);
        }
        return {
          case: "allExtensionNumbersResponse",
          value: { baseTypeName: message.typeName, extensionNumber: numbers },
        } as ResponseInit["messageResponse"];
      }
      default:
        return this.error(INVALID_ARGUMENT, "empty reflection request");
    }
  }

  /** grpc.reflection.v1.ServerReflection */
  v1(): ServiceImpl<typeof reflectionV1.ServerReflection> {
    const index = this;
    return {
      async *serverReflectionInfo(requests) {
        for await (const req of requests) {
          yield { validHost: req.host, originalRequest: req, messageResponse: index.answer(req) };
        }
      },
    };
  }

  /** grpc.reflection.v1alpha.ServerReflection (older grpcurl and tools). */
  v1alpha(): ServiceImpl<typeof reflectionV1alpha.ServerReflection> {
    const index = this;
    return {
      async *serverReflectionInfo(requests) {
        for await (const req of requests) {
          yield {
            validHost: req.host,
            originalRequest: req,
            messageResponse: index.answer(req as unknown as Request) as never,
          };
        }
      },
    };
  }
}
