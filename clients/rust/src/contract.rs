//! What the contract says about its methods that tonic's generated code does not carry: which
//! calls are free of side effects, and which answer with an open-ended stream. Both lists are
//! checked against `proto/` by this module's test, so a method added there fails the crate's tests
//! until it is listed here.

/// gRPC paths of the methods marked `idempotency_level = NO_SIDE_EFFECTS`: repeating one cannot
/// change anything, so a failed attempt may be retried.
pub(crate) const NO_SIDE_EFFECTS: &[&str] = &[
    "/arbiter.v1.AuditService/ListAuditEvents",
    "/arbiter.v1.AuthService/WhoAmI",
    "/arbiter.v1.ClusterService/GetLogLevel",
    "/arbiter.v1.ClusterService/GetNode",
    "/arbiter.v1.ClusterService/ListNodes",
    "/arbiter.v1.DecisionService/GetDecision",
    "/arbiter.v1.DecisionService/ListDecisions",
    "/arbiter.v1.ModelRegistryService/GetModel",
    "/arbiter.v1.ModelRegistryService/GetModelStatistics",
    "/arbiter.v1.ModelRegistryService/ListModels",
    "/arbiter.v1.PipelineService/GetPipeline",
    "/arbiter.v1.PipelineService/ListPipelines",
    "/arbiter.v1.PipelineService/ListPlugins",
    "/arbiter.v1.PipelineService/ValidatePipeline",
    "/arbiter.v1.StreamService/GetStreamBinding",
    "/arbiter.v1.StreamService/ListStreamBindings",
    "/arbiter.v1.TaskService/GetTask",
    "/arbiter.v1.TaskService/ListTaskResults",
    "/arbiter.v1.TaskService/ListTasks",
    "/arbiter.v1.TenantService/GetTenant",
    "/arbiter.v1.TenantService/ListApiKeys",
    "/arbiter.v1.TenantService/ListPrincipals",
    "/arbiter.v1.TenantService/ListTenants",
    "/arbiter.v1.VectorService/GetCollection",
    "/arbiter.v1.VectorService/ListCollections",
    "/arbiter.v1.VectorService/Search",
    "/arbiter.v1.VectorService/SearchBatch",
];

/// gRPC paths of the methods whose answer is a stream (watches, result feeds, streaming
/// inference and decisions): they may rightly stay open for hours, so no default deadline
/// applies to them.
pub(crate) const STREAMING_RESPONSES: &[&str] = &[
    "/arbiter.v1.DecisionService/DecideStream",
    "/arbiter.v1.InferenceService/InferStream",
    "/arbiter.v1.TaskService/StreamTaskResults",
    "/arbiter.v1.TaskService/WatchTask",
    "/inference.GRPCInferenceService/ModelStreamInfer",
];

/// Whether a gRPC path (`/package.Service/Method`) names a method free of side effects.
pub(crate) fn has_no_side_effects(path: &str) -> bool {
    NO_SIDE_EFFECTS.contains(&path)
}

/// Whether a gRPC path names a method that answers with a stream.
pub(crate) fn streams_responses(path: &str) -> bool {
    STREAMING_RESPONSES.contains(&path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The methods of the contract's proto files: (path, answers with a stream, no side effects).
    /// Every `rpc` of these files is declared on one line, which is all this reader relies on.
    fn methods_in_protos() -> Vec<(String, bool, bool)> {
        let proto = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto");
        let mut files: Vec<_> = std::fs::read_dir(proto.join("arbiter/v1"))
            .expect("proto/arbiter/v1 is readable")
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        files.push(proto.join("inference/grpc_service.proto"));
        let mut methods = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a proto file is readable");
            let mut package = "";
            let mut service = "";
            for line in text.lines().map(str::trim) {
                if let Some(rest) = line.strip_prefix("package ") {
                    package = rest.trim_end_matches(';');
                } else if let Some(rest) = line.strip_prefix("service ") {
                    service = rest.split_whitespace().next().unwrap_or_default();
                } else if let Some(rest) = line.strip_prefix("rpc ") {
                    let name = rest.split('(').next().unwrap_or_default().trim();
                    let streams = line.contains("returns (stream ");
                    methods.push((format!("/{package}.{service}/{name}"), streams, false));
                } else if line.contains("idempotency_level = NO_SIDE_EFFECTS") {
                    methods.last_mut().expect("an option inside an rpc").2 = true;
                }
            }
        }
        methods
    }

    #[test]
    fn the_lists_match_the_proto_files() {
        let methods = methods_in_protos();
        assert!(
            methods.len() > 60,
            "read the contract's methods: {}",
            methods.len()
        );
        let mut no_side_effects: Vec<_> = methods
            .iter()
            .filter(|m| m.2)
            .map(|m| m.0.as_str())
            .collect();
        let mut streaming: Vec<_> = methods
            .iter()
            .filter(|m| m.1)
            .map(|m| m.0.as_str())
            .collect();
        no_side_effects.sort_unstable();
        streaming.sort_unstable();
        assert_eq!(no_side_effects, NO_SIDE_EFFECTS);
        assert_eq!(streaming, STREAMING_RESPONSES);
    }
}
