"""A protoc plugin around grpcio-tools' gRPC Python generator.

grpcio-tools builds that generator into its own protoc (`python -m grpc_tools.protoc
--grpc_python_out`) and ships no `protoc-gen-*` executable, so buf cannot call it as a plugin. This
reads buf's CodeGeneratorRequest, hands the same descriptors to grpc_tools.protoc
(`--descriptor_set_in`), and answers with the files it wrote. Run with the Python of the venv that
scripts/client-plugins.sh makes (it has grpcio-tools and protobuf).
"""

import os
import sys
import tempfile

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2
from grpc_tools import protoc


def main() -> int:
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    response = plugin_pb2.CodeGeneratorResponse()
    response.supported_features = plugin_pb2.CodeGeneratorResponse.FEATURE_PROTO3_OPTIONAL
    with tempfile.TemporaryDirectory() as tmp:
        descriptors = os.path.join(tmp, "descriptors.binpb")
        with open(descriptors, "wb") as f:
            f.write(descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString())
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        target = f"{request.parameter}:{out}" if request.parameter else out
        args = ["grpc_tools.protoc", f"--descriptor_set_in={descriptors}", f"--grpc_python_out={target}"]
        status = protoc.main(args + list(request.file_to_generate))
        if status != 0:
            response.error = f"grpc_tools.protoc exited with {status}"
        else:
            for directory, _, names in os.walk(out):
                for name in sorted(names):
                    path = os.path.join(directory, name)
                    with open(path, encoding="utf-8") as f:
                        response.file.add(name=os.path.relpath(path, out), content=f.read())
    sys.stdout.buffer.write(response.SerializeToString())
    return 0


if __name__ == "__main__":
    sys.exit(main())
