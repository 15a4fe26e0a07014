/**
 * The Helm chart helm/arbiter, checked offline as a cluster would see it: `helm lint --strict` and
 * `helm template` with the default values and every values file in helm/arbiter/ci, each rendered
 * manifest validated by kubeconform -strict against schemas generated from the Kubernetes 1.35
 * OpenAPI spec and the Gateway API and prometheus-operator CRDs (all from the Go module proxy;
 * helm and kubeconform are built with `go install`), and the values that matter checked where
 * they land: grpc probes on the serving ports, grace periods that outlast the drain, GPU requests,
 * no secret value outside Secrets, network policies, the schema rejecting a wrong type. The
 * `helm test` pod's own command is run against a real distributed mesh.
 *
 * The first run builds helm (minutes on a small machine); later runs use `.cache/bin`.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  createTempDir,
  ensureHelm,
  ensureKubeconform,
  GATEWAY_API_VERSION,
  goModuleDir,
  KUBERNETES_VERSION,
  PROMETHEUS_OPERATOR_VERSION,
  type TempDir,
} from "@arbiter/testkit";
import { parse, parseAllDocuments } from "yaml";
import { type DistributedMesh, startDistributedMesh } from "../support/mesh.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CHART = join(REPO, "helm/arbiter");
const KUBE_VERSION = KUBERNETES_VERSION.slice(1);
const RELEASE = "rel";
const NAMESPACE = "arbiter";
const SCHEMA_DIR = join(
  REPO,
  ".cache/helm-schemas",
  `k8s-${KUBERNETES_VERSION}_gateway-api-${GATEWAY_API_VERSION}_prometheus-operator-${PROMETHEUS_OPERATOR_VERSION}`,
);

interface Probe {
  grpc?: { port: number; service?: string };
  tcpSocket?: { port: number | string };
  periodSeconds: number;
  failureThreshold: number;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name: string; containerPort: number }>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number }; exec?: { command: string[] } } };
  resources?: { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface PodSpec {
  containers: Container[];
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  nodeSelector?: Record<string, string>;
  tolerations?: Array<{ key: string; operator: string; effect?: string }>;
  runtimeClassName?: string;
  volumes?: Array<{ name: string; emptyDir?: object; secret?: { secretName: string } }>;
}
interface NetworkPolicyRule {
  ports?: Array<{ protocol: string; port: number }>;
  from?: object[];
  to?: object[];
}
/** The parts of rendered objects the assertions read. */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  automountServiceAccountToken?: boolean;
  spec?: {
    replicas?: number;
    template?: { spec: PodSpec };
    volumeClaimTemplates?: Array<{ spec: { resources: { requests: { storage: string } } } }>;
    metrics?: Array<{ type: string; pods?: { metric: { name: string } } }>;
    rules?: unknown[];
    tls?: Array<{ secretName: string; hosts: string[] }>;
    listeners?: Array<{ protocol: string; tls?: { mode: string; certificateRefs: Array<{ name: string }> } }>;
    hostnames?: string[];
    ingress?: NetworkPolicyRule[];
    egress?: NetworkPolicyRule[];
    endpoints?: Array<{ port: string }>;
  } & PodSpec;
}

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(command, args, { cwd: REPO, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });

/** Every file in helm/arbiter/ci, as a path relative to the repository. */
const CI_VALUES = readdirSync(join(CHART, "ci"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => `helm/arbiter/ci/${f}`);

describe("helm/arbiter chart (offline)", () => {
  let helm: string;
  let kubeconform: string;
  let specs: { openapi: string; crds: string[] };
  let work: TempDir;

  before(
    async () => {
      const [helmPath, kubeconformPath, kubernetes, gatewayApi, prometheusOperator, dir] = await Promise.all([
        ensureHelm(),
        ensureKubeconform(),
        goModuleDir("k8s.io/kubernetes", KUBERNETES_VERSION),
        goModuleDir("sigs.k8s.io/gateway-api", GATEWAY_API_VERSION),
        goModuleDir("github.com/prometheus-operator/prometheus-operator", PROMETHEUS_OPERATOR_VERSION),
        createTempDir({ prefix: "arbiter-helm-" }),
      ]);
      helm = helmPath;
      kubeconform = kubeconformPath;
      work = dir;
      const gatewayCrds = join(gatewayApi, "config/crd/standard");
      specs = {
        openapi: join(kubernetes, "api/openapi-spec/swagger.json"),
        crds: [
          ...["gateways", "httproutes", "grpcroutes"].map((k) =>
            join(gatewayCrds, `gateway.networking.k8s.io_${k}.yaml`),
          ),
          join(prometheusOperator, "example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml"),
        ],
      };
    },
    { timeout: 900_000 },
  );
  after(async () => work?.remove());

  /** `helm template` of the chart; rejects with helm's message when it fails. */
  async function template(args: string[] = []): Promise<{ text: string; objects: K8sObject[] }> {
    const res = await run(helm, [
      "template",
      RELEASE,
      CHART,
      "--namespace",
      NAMESPACE,
      "--kube-version",
      KUBE_VERSION,
      ...args,
    ]);
    if (res.code !== 0) throw new Error(`helm template ${args.join(" ")} failed: ${res.stderr.trim()}`);
    const objects = parseAllDocuments(res.stdout)
      .map((doc) => doc.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null);
    return { text: res.stdout, objects };
  }

  /** Validates rendered manifests with kubeconform -strict; resolves with how many it checked. */
  async function validate(rendered: { text: string; objects: K8sObject[] }, name: string): Promise<number> {
    const kinds = [...new Set(rendered.objects.map((o) => `${o.apiVersion}/${o.kind}`))];
    const schemas = await run(process.execPath, [
      "scripts/helm-schemas.mjs",
      "--out",
      SCHEMA_DIR,
      "--openapi",
      specs.openapi,
      ...specs.crds.flatMap((crd) => ["--crd", crd]),
      ...kinds,
    ]);
    assert.equal(schemas.code, 0, schemas.stderr);
    const file = work.join(`${name}.yaml`);
    await writeFile(file, rendered.text);
    const res = await run(kubeconform, [
      "-strict",
      "-summary",
      "-output",
      "json",
      "-schema-location",
      join(SCHEMA_DIR, "{{ .ResourceKind }}{{ .KindSuffix }}.json"),
      file,
    ]);
    const report = JSON.parse(res.stdout) as {
      resources: Array<{ kind: string; name: string; status: string; msg: string }>;
      summary: { valid: number; invalid: number; errors: number; skipped: number };
    };
    const problems = report.resources.filter((r) => r.status !== "statusValid");
    assert.deepEqual(
      problems.map((p) => `${p.kind} ${p.name}: ${p.status} ${p.msg}`),
      [],
      `${name}: every manifest must be valid`,
    );
    assert.equal(report.summary.valid, rendered.objects.length, `${name}: kubeconform checked every object`);
    assert.equal(res.code, 0);
    return report.summary.valid;
  }

  const find = (objects: K8sObject[], kind: string, name: string): K8sObject => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    assert.ok(found, `${kind} ${name} is rendered (have: ${objects.map((o) => `${o.kind}/${o.metadata.name}`)})`);
    return found;
  };
  const podOf = (objects: K8sObject[], kind: string, name: string): PodSpec => {
    const spec = find(objects, kind, name).spec?.template?.spec;
    assert.ok(spec, `${kind} ${name} has a pod template`);
    return spec;
  };
  const containerOf = (pod: PodSpec): Container => {
    const [container] = pod.containers;
    assert.ok(container);
    return container;
  };
  const configOf = (objects: K8sObject[], component: string) =>
    find(objects, "ConfigMap", `${RELEASE}-arbiter-${component}`).data ?? {};
  const envOf = (container: Container, name: string) => container.env?.find((e) => e.name === name);

  it("passes helm lint --strict with the default values and each CI values file", async () => {
    for (const values of [undefined, ...CI_VALUES]) {
      const res = await run(helm, [
        "lint",
        "--strict",
        CHART,
        "--kube-version",
        KUBE_VERSION,
        ...(values ? ["--values", values] : []),
      ]);
      assert.equal(res.code, 0, `helm lint ${values ?? "(defaults)"}: ${res.stdout}${res.stderr}`);
      assert.match(res.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
    }
  });

  it("renders valid manifests with the default values, pointing at an existing NATS and PostgreSQL", async () => {
    const rendered = await template();
    await validate(rendered, "defaults");
    const { objects } = rendered;
    // Production default: nothing stateful in the release.
    assert.deepEqual(
      objects.filter((o) => o.kind === "StatefulSet").map((o) => o.metadata.name),
      [],
    );
    assert.equal(configOf(objects, "gateway").ARBITER_BUS_NATS_URLS, "nats://nats:4222");
    assert.equal(configOf(objects, "scheduler").ARBITER_BUS_NATS_URLS, "nats://nats:4222");
    const scheduler = containerOf(podOf(objects, "Deployment", `${RELEASE}-arbiter-scheduler`));
    assert.deepEqual(envOf(scheduler, "ARBITER_DATABASE_URL")?.valueFrom?.secretKeyRef, {
      name: "arbiter-database",
      key: "url",
    });
    assert.equal(scheduler.args?.[0], "scheduler");
    assert.equal(containerOf(podOf(objects, "Deployment", `${RELEASE}-arbiter-gateway`)).args?.[0], "gateway");
    // Both roles autoscale, and a disruption budget keeps drains from taking every pod at once.
    for (const component of ["gateway", "scheduler"]) {
      const name = `${RELEASE}-arbiter-${component}`;
      find(objects, "HorizontalPodAutoscaler", name);
      find(objects, "PodDisruptionBudget", name);
      assert.equal(find(objects, "Deployment", name).spec?.replicas, undefined, "the HPA owns the replica count");
    }
  });

  it("probes the gateway port and the scheduler health port with grpc.health.v1, liveness and readiness apart", async () => {
    const { objects } = await template();
    const gateway = containerOf(podOf(objects, "Deployment", `${RELEASE}-arbiter-gateway`));
    for (const probe of [gateway.startupProbe, gateway.livenessProbe, gateway.readinessProbe]) {
      assert.equal(probe?.grpc?.port, 8080);
      assert.equal(probe?.grpc?.service, undefined, "the whole server's status");
    }
    assert.deepEqual(gateway.ports?.map((p) => [p.name, p.containerPort]).sort(), [
      ["grpc", 8080],
      ["metrics", 9464],
    ]);
    const scheduler = containerOf(podOf(objects, "Deployment", `${RELEASE}-arbiter-scheduler`));
    assert.equal(scheduler.startupProbe?.grpc?.port, 8081);
    assert.equal(scheduler.readinessProbe?.grpc?.port, 8081);
    assert.equal(scheduler.readinessProbe?.grpc?.service, undefined);
    assert.deepEqual(scheduler.livenessProbe?.grpc, { port: 8081, service: "liveness" });
    // The processes listen where the probes knock.
    const config = configOf(objects, "scheduler");
    assert.equal(config.ARBITER_SCHEDULER_HEALTH_PORT, "8081");
    assert.equal(config.ARBITER_SCHEDULER_HEALTH_HOST, "0.0.0.0");
    assert.equal(configOf(objects, "gateway").ARBITER_GATEWAY_HOST, "0.0.0.0");
    assert.equal(configOf(objects, "gateway").ARBITER_GATEWAY_PORT, "8080");
    // A moved port moves the probes with it.
    const moved = await template(["--set", "scheduler.healthPort=9091", "--set", "gateway.port=9090"]);
    assert.equal(
      containerOf(podOf(moved.objects, "Deployment", `${RELEASE}-arbiter-scheduler`)).livenessProbe?.grpc?.port,
      9091,
    );
    assert.equal(
      containerOf(podOf(moved.objects, "Deployment", `${RELEASE}-arbiter-gateway`)).readinessProbe?.grpc?.port,
      9090,
    );
    assert.equal(configOf(moved.objects, "scheduler").ARBITER_SCHEDULER_HEALTH_PORT, "9091");
  });

  it("gives each role a termination grace period longer than its preStop sleep plus its drain", async () => {
    const check = (objects: K8sObject[], component: string, drainSetting: string) => {
      const pod = podOf(objects, "Deployment", `${RELEASE}-arbiter-${component}`);
      const drainMs = Number(configOf(objects, component)[drainSetting]);
      const sleep = containerOf(pod).lifecycle?.preStop?.sleep?.seconds ?? 0;
      assert.ok(sleep > 0, `${component} sleeps before SIGTERM so endpoints drain first`);
      assert.ok(
        (pod.terminationGracePeriodSeconds ?? 30) > sleep + drainMs / 1000,
        `${component}: ${pod.terminationGracePeriodSeconds} s must outlast ${sleep} s + ${drainMs} ms`,
      );
      return pod.terminationGracePeriodSeconds;
    };
    const defaults = await template();
    check(defaults.objects, "gateway", "ARBITER_GATEWAY_SHUTDOWN_GRACE_MS");
    check(defaults.objects, "scheduler", "ARBITER_SCHEDULER_DRAIN_TIMEOUT_MS");
    const longer = await template([
      "--set",
      "scheduler.config.drainTimeoutMs=45500",
      "--set",
      "gateway.config.shutdownGraceMs=30000",
    ]);
    assert.equal(check(longer.objects, "scheduler", "ARBITER_SCHEDULER_DRAIN_TIMEOUT_MS"), 5 + 46 + 5);
    assert.equal(check(longer.objects, "gateway", "ARBITER_GATEWAY_SHUTDOWN_GRACE_MS"), 5 + 30 + 5);
    // A grace period set by hand that the drain would not fit in is refused, naming both settings.
    await assert.rejects(
      template(["--set", "scheduler.terminationGracePeriodSeconds=10"]),
      /scheduler\.terminationGracePeriodSeconds \(10\) must be longer than scheduler\.preStopSleepSeconds \+ scheduler\.config\.drainTimeoutMs \(20 s\)/,
    );
  });

  it("keeps secret values out of everything but Secrets: pods read them through secretKeyRef and secretRef", async () => {
    const adminKey = `admin-${randomBytes(12).toString("hex")}`;
    const password = `pw${randomBytes(12).toString("hex")}`;
    const jwtKey = `-----BEGIN PRIVATE KEY-----${randomBytes(12).toString("hex")}`;
    const rendered = await template([
      "--values",
      "helm/arbiter/ci/evaluation-values.yaml",
      "--set",
      `auth.bootstrapAdminKey=${adminKey}`,
      "--set",
      `auth.jwt.privateKey=${jwtKey}`,
      "--set",
      `postgresql.auth.password=${password}`,
    ]);
    const secrets = rendered.objects.filter((o) => o.kind === "Secret");
    const decoded = secrets.flatMap((s) => Object.values(s.data ?? {}).map((v) => Buffer.from(v, "base64").toString()));
    for (const value of [adminKey, password, jwtKey]) {
      assert.ok(decoded.includes(value), "the value is in a Secret");
      for (const other of rendered.objects.filter((o) => o.kind !== "Secret")) {
        const text = JSON.stringify(other);
        assert.ok(!text.includes(value), `${other.kind} ${other.metadata.name} must not hold a secret value`);
        assert.ok(!text.includes(Buffer.from(value).toString("base64")), `${other.kind} ${other.metadata.name}`);
      }
    }
    for (const kind of ["Deployment", "StatefulSet", "Pod"]) {
      for (const object of rendered.objects.filter((o) => o.kind === kind)) {
        const pod = kind === "Pod" ? (object.spec as PodSpec) : object.spec?.template?.spec;
        for (const env of pod?.containers.flatMap((c) => c.env ?? []) ?? []) {
          if (/PASSWORD|KEY|TOKEN|SECRET/.test(env.name)) {
            assert.ok(env.valueFrom?.secretKeyRef, `${object.metadata.name}: ${env.name} comes from a Secret`);
          }
        }
      }
    }
    // The composed database URL refers to the password; Kubernetes fills it in.
    const scheduler = containerOf(podOf(rendered.objects, "Deployment", `${RELEASE}-arbiter-scheduler`));
    assert.equal(
      envOf(scheduler, "ARBITER_DATABASE_URL")?.value,
      `postgres://arbiter:$(DATABASE_PASSWORD)@${RELEASE}-arbiter-postgresql:5432/arbiter`,
    );
    const gateway = containerOf(podOf(rendered.objects, "Deployment", `${RELEASE}-arbiter-gateway`));
    assert.deepEqual(gateway.envFrom?.map((e) => e.secretRef?.name).filter(Boolean), [`${RELEASE}-arbiter-auth`]);
    // With existing Secrets the chart creates none and points at them.
    const external = await template(["--values", "helm/arbiter/ci/external-values.yaml"]);
    assert.deepEqual(
      external.objects.filter((o) => o.kind === "Secret"),
      [],
    );
    const externalGateway = containerOf(podOf(external.objects, "Deployment", `${RELEASE}-arbiter-gateway`));
    assert.deepEqual(envOf(externalGateway, "ARBITER_BUS_NATS_URLS")?.valueFrom?.secretKeyRef, {
      name: "arbiter-nats",
      key: "urls",
    });
    assert.equal(configOf(external.objects, "gateway").ARBITER_BUS_NATS_URLS, undefined);
    assert.deepEqual(externalGateway.envFrom?.map((e) => e.secretRef?.name).filter(Boolean), ["arbiter-auth"]);
  });

  it("runs every pod as non-root with a read-only root filesystem, no capabilities, RuntimeDefault seccomp and no API token", async () => {
    const { objects } = await template(["--values", "helm/arbiter/ci/evaluation-values.yaml"]);
    const pods = objects.flatMap((o) =>
      o.kind === "Pod"
        ? [[o.metadata.name, o.spec as PodSpec] as const]
        : o.spec?.template
          ? [[o.metadata.name, o.spec.template.spec] as const]
          : [],
    );
    assert.ok(pods.length >= 5, "gateway, scheduler, nats, postgresql, test");
    for (const [name, pod] of pods) {
      assert.equal(pod.automountServiceAccountToken, false, name);
      assert.equal(pod.securityContext?.runAsNonRoot, true, name);
      assert.equal(pod.securityContext?.seccompProfile?.type, "RuntimeDefault", name);
      for (const container of pod.containers) {
        assert.equal(container.securityContext?.readOnlyRootFilesystem, true, name);
        assert.equal(container.securityContext?.allowPrivilegeEscalation, false, name);
        assert.deepEqual(container.securityContext?.capabilities?.drop, ["ALL"], name);
      }
    }
    // Node (and tsx's compile cache) write to /tmp.
    for (const [name, pod] of pods.filter(([n]) => !/-(nats|postgresql)$/.test(n))) {
      assert.ok(
        containerOf(pod).volumeMounts?.some((m) => m.mountPath === "/tmp"),
        `${name} has a writable /tmp`,
      );
    }
    const scheduler = containerOf(podOf(objects, "Deployment", `${RELEASE}-arbiter-scheduler`));
    assert.ok(
      scheduler.volumeMounts?.some((m) => m.mountPath === "/var/cache/arbiter"),
      "a writable model cache",
    );
    assert.equal(find(objects, "ServiceAccount", `${RELEASE}-arbiter`).automountServiceAccountToken, false);
  });

  it("allows only the traffic Arbiter needs through its network policies", async () => {
    const ports = (rules: NetworkPolicyRule[] | undefined) =>
      [...new Set((rules ?? []).flatMap((r) => (r.ports ?? []).map((p) => p.port)))].sort((a, b) => a - b);
    const defaults = (await template()).objects;
    const gateway = find(defaults, "NetworkPolicy", `${RELEASE}-arbiter-gateway`).spec;
    assert.deepEqual(ports(gateway?.ingress), [8080, 9464]);
    assert.deepEqual(ports(gateway?.egress), [53, 4222], "DNS and NATS only");
    const scheduler = find(defaults, "NetworkPolicy", `${RELEASE}-arbiter-scheduler`).spec;
    assert.deepEqual(ports(scheduler?.ingress), [8081, 9464], "probes and Prometheus");
    assert.deepEqual(ports(scheduler?.egress), [53, 4222, 5432], "DNS, NATS and PostgreSQL only");
    const metricsRule = scheduler?.ingress?.find((r) => r.ports?.some((p) => p.port === 9464));
    assert.ok(metricsRule?.from && metricsRule.from.length > 0, "only Prometheus reads the metrics port");

    const evaluation = (await template(["--values", "helm/arbiter/ci/evaluation-values.yaml"])).objects;
    const nats = find(evaluation, "NetworkPolicy", `${RELEASE}-arbiter-nats`).spec;
    assert.deepEqual(ports(nats?.ingress), [4222, 6222, 8222], "clients, cluster routes, monitoring");
    assert.deepEqual(ports(nats?.egress), [53, 6222], "DNS and the other members' routes");
    const postgresql = find(evaluation, "NetworkPolicy", `${RELEASE}-arbiter-postgresql`).spec;
    assert.deepEqual(ports(postgresql?.ingress), [5432]);
    assert.equal(
      JSON.stringify(postgresql?.ingress?.[0]?.from).includes('"app.kubernetes.io/component":"scheduler"'),
      true,
    );
    assert.deepEqual(postgresql?.egress, [], "PostgreSQL calls nobody");
  });

  it("renders the external values: Ingress with TLS, ServiceMonitors only where the API exists, tracing settings", async () => {
    const withOperator = await template([
      "--values",
      "helm/arbiter/ci/external-values.yaml",
      "--api-versions",
      "monitoring.coreos.com/v1",
    ]);
    await validate(withOperator, "external");
    const ingress = find(withOperator.objects, "Ingress", `${RELEASE}-arbiter-gateway`);
    assert.deepEqual(ingress.spec?.tls, [{ secretName: "arbiter-example-tls", hosts: ["arbiter.example.com"] }]);
    const monitors = withOperator.objects.filter((o) => o.kind === "ServiceMonitor");
    assert.deepEqual(
      monitors.map((m) => m.spec?.endpoints?.[0]?.port),
      ["metrics", "metrics"],
    );
    const without = await template(["--values", "helm/arbiter/ci/external-values.yaml"]);
    assert.equal(without.objects.filter((o) => o.kind === "ServiceMonitor").length, 0);
    const config = configOf(withOperator.objects, "scheduler");
    assert.equal(config.OTEL_TRACES_SAMPLER, "parentbased_traceidratio");
    assert.equal(config.OTEL_TRACES_SAMPLER_ARG, "0.05");
    assert.equal(config.OTEL_EXPORTER_OTLP_ENDPOINT, "http://otel-collector.observability.svc:4317");
    // A longer drain in the values stretches the grace period.
    const scheduler = podOf(withOperator.objects, "Deployment", `${RELEASE}-arbiter-scheduler`);
    assert.ok((scheduler.terminationGracePeriodSeconds ?? 0) > 5 + 30);
    // TLS to NATS (every role) and to PostgreSQL (schedulers): the Secrets are mounted where the
    // settings point.
    assert.equal(config.ARBITER_BUS_NATS_TLS_CA_FILE, "/etc/arbiter/nats-tls/ca.crt");
    assert.equal(config.ARBITER_DATABASE_SSL_MODE, "verify-full");
    assert.equal(config.ARBITER_DATABASE_SSL_CA_FILE, "/etc/arbiter/postgresql-tls/ca.crt");
    assert.equal(config.ARBITER_DATABASE_SSL_CERT_FILE, "/etc/arbiter/postgresql-tls/tls.crt");
    assert.equal(config.ARBITER_DATABASE_SSL_KEY_FILE, "/etc/arbiter/postgresql-tls/tls.key");
    assert.equal(
      configOf(withOperator.objects, "gateway").ARBITER_BUS_NATS_TLS_CA_FILE,
      "/etc/arbiter/nats-tls/ca.crt",
    );
    const secretMounts = (pod: PodSpec) =>
      (pod.volumes ?? [])
        .filter((v) => v.secret)
        .map((v) => ({
          secret: v.secret?.secretName,
          at: containerOf(pod).volumeMounts?.find((m) => m.name === v.name)?.mountPath,
        }));
    assert.deepEqual(secretMounts(scheduler), [
      { secret: "arbiter-nats-tls", at: "/etc/arbiter/nats-tls" },
      { secret: "arbiter-database-tls", at: "/etc/arbiter/postgresql-tls" },
    ]);
    const gateway = podOf(withOperator.objects, "Deployment", `${RELEASE}-arbiter-gateway`);
    assert.deepEqual(secretMounts(gateway), [{ secret: "arbiter-nats-tls", at: "/etc/arbiter/nats-tls" }]);
  });

  it("serves mutual TLS at the gateway pod: the certificate and the client CA Secrets mounted where the settings point", async () => {
    const rendered = await template([
      "--set",
      "gateway.tls.enabled=true",
      "--set",
      "gateway.tls.existingSecret=arbiter-gateway-tls",
      "--set",
      "gateway.tls.clientCaSecret=arbiter-clients-ca",
    ]);
    await validate(rendered, "mutual-tls");
    const config = configOf(rendered.objects, "gateway");
    assert.equal(config.ARBITER_GATEWAY_TLS_CERT_FILE, "/etc/arbiter/tls/tls.crt");
    assert.equal(config.ARBITER_GATEWAY_TLS_KEY_FILE, "/etc/arbiter/tls/tls.key");
    assert.equal(config.ARBITER_GATEWAY_TLS_CLIENT_CA_FILE, "/etc/arbiter/client-ca/ca.crt");
    const pod = podOf(rendered.objects, "Deployment", `${RELEASE}-arbiter-gateway`);
    const mounts = containerOf(pod).volumeMounts ?? [];
    for (const [volume, secret, path] of [
      ["tls", "arbiter-gateway-tls", "/etc/arbiter/tls"],
      ["client-ca", "arbiter-clients-ca", "/etc/arbiter/client-ca"],
    ]) {
      assert.equal(pod.volumes?.find((v) => v.name === volume)?.secret?.secretName, secret);
      assert.equal(mounts.find((m) => m.name === volume)?.mountPath, path);
    }
    await assert.rejects(
      template(["--set", "gateway.tls.clientCaSecret=arbiter-clients-ca"]),
      /gateway.tls.clientCaSecret \(mutual TLS\) needs gateway.tls.enabled/,
    );
  });

  it("renders the GPU values: an nvidia.com/gpu per scheduler on the GPU pool, the CUDA ONNX Runtime and image", async () => {
    const rendered = await template(["--values", "helm/arbiter/ci/gpu-values.yaml"]);
    await validate(rendered, "gpu");
    const pod = podOf(rendered.objects, "Deployment", `${RELEASE}-arbiter-scheduler`);
    const scheduler = containerOf(pod);
    assert.equal(scheduler.resources?.limits?.["nvidia.com/gpu"], 1);
    assert.equal(scheduler.resources?.requests?.["nvidia.com/gpu"], 1);
    assert.equal(scheduler.image, "arbiter/scheduler:0.1.0-cuda12");
    assert.deepEqual(pod.nodeSelector, { "nvidia.com/gpu.present": "true" });
    assert.deepEqual(pod.tolerations, [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    assert.equal(pod.runtimeClassName, "nvidia");
    assert.equal(
      configOf(rendered.objects, "scheduler").ARBITER_SCHEDULER_ORT_LIBRARY_PATH,
      "/opt/onnxruntime/lib/libonnxruntime.so.1",
    );
    const hpa = find(rendered.objects, "HorizontalPodAutoscaler", `${RELEASE}-arbiter-scheduler`);
    assert.deepEqual(
      hpa.spec?.metrics?.map((m) => m.pods?.metric.name ?? m.type),
      ["Resource", "arbiter_scheduler_queue_depth"],
    );
    // The gateway stays off the GPU pool.
    const gateway = containerOf(podOf(rendered.objects, "Deployment", `${RELEASE}-arbiter-gateway`));
    assert.equal(gateway.resources?.limits?.["nvidia.com/gpu"], undefined);
  });

  it("renders the evaluation values: a 3-member JetStream cluster with routes and PostgreSQL, both with volumes", async () => {
    const rendered = await template(["--values", "helm/arbiter/ci/evaluation-values.yaml"]);
    await validate(rendered, "evaluation");
    const nats = find(rendered.objects, "StatefulSet", `${RELEASE}-arbiter-nats`);
    assert.equal(nats.spec?.replicas, 3);
    assert.equal(nats.spec?.volumeClaimTemplates?.[0]?.spec.resources.requests.storage, "10Gi");
    const conf = find(rendered.objects, "ConfigMap", `${RELEASE}-arbiter-nats`).data?.["nats.conf"] ?? "";
    assert.match(conf, /jetstream \{/);
    for (const i of [0, 1, 2]) {
      assert.ok(
        conf.includes(`nats://${RELEASE}-arbiter-nats-${i}.${RELEASE}-arbiter-nats-headless.${NAMESPACE}.svc:6222`),
        `a route to member ${i}`,
      );
    }
    const postgresql = find(rendered.objects, "StatefulSet", `${RELEASE}-arbiter-postgresql`);
    assert.equal(postgresql.spec?.volumeClaimTemplates?.length, 1);
    find(rendered.objects, "Service", `${RELEASE}-arbiter-nats-headless`);
    find(rendered.objects, "Service", `${RELEASE}-arbiter-postgresql-headless`);
    assert.equal(configOf(rendered.objects, "gateway").ARBITER_BUS_NATS_URLS, `nats://${RELEASE}-arbiter-nats:4222`);
  });

  it("renders the Gateway API values: a Gateway terminating TLS, an HTTPRoute and a GRPCRoute on distinct hostnames", async () => {
    const rendered = await template(["--values", "helm/arbiter/ci/gateway-api-values.yaml"]);
    await validate(rendered, "gateway-api");
    const gateway = find(rendered.objects, "Gateway", `${RELEASE}-arbiter-gateway`);
    assert.deepEqual(gateway.spec?.listeners?.[0]?.tls, {
      mode: "Terminate",
      certificateRefs: [{ kind: "Secret", name: "arbiter-example-tls" }],
    });
    assert.deepEqual(find(rendered.objects, "HTTPRoute", `${RELEASE}-arbiter-gateway-http`).spec?.hostnames, [
      "arbiter.example.com",
    ]);
    assert.deepEqual(find(rendered.objects, "GRPCRoute", `${RELEASE}-arbiter-gateway-grpc`).spec?.hostnames, [
      "grpc.arbiter.example.com",
    ]);
  });

  it("rejects a value of the wrong type through values.schema.json, naming the field", async () => {
    await assert.rejects(template(["--set", "gateway.replicas=abc"]), (err: Error) => {
      assert.match(err.message, /values don't meet the specifications of the schema/);
      assert.match(err.message, /\/gateway\/replicas': got string, want integer/);
      return true;
    });
    await assert.rejects(
      template(["--set", "scheduler.gpu.enabled=yes"]),
      /\/scheduler\/gpu\/enabled': got string, want boolean/,
    );
    await assert.rejects(template(["--set", "gateway.replica=3"]), /additional properties 'replica' not allowed/);
  });

  it("labels the Grafana dashboard for the sidecar and queries only metrics the services export", async () => {
    const { objects } = await template();
    const dashboard = find(objects, "ConfigMap", `${RELEASE}-arbiter-dashboard`);
    assert.equal(dashboard.metadata.labels?.grafana_dashboard, "1");
    const json = JSON.parse(dashboard.data?.["arbiter.json"] ?? "") as {
      panels: Array<{ targets?: Array<{ expr: string }> }>;
    };
    const exprs = json.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    const names = new Set(exprs.flatMap((e) => e.match(/\b(?:arbiter|nodejs|process)_[a-z_]+/g) ?? []));
    for (const wanted of [
      "arbiter_rpc_requests_total",
      "arbiter_scheduler_queue_depth",
      "nodejs_eventloop_lag_seconds",
      "arbiter_model_request_queue_seconds_bucket",
      "arbiter_stream_lag",
      "arbiter_task_items_total",
    ]) {
      assert.ok(names.has(wanted), `the dashboard shows ${wanted}`);
    }
    // A request's log lines link to its trace: the logs panel turns trace_id into a Jaeger link.
    const logs = (
      json.panels as Array<{
        type: string;
        fieldConfig?: { overrides?: Array<{ matcher: { options: string }; properties: Array<{ value: unknown }> }> };
      }>
    ).find((p) => p.type === "logs");
    const traceLink = logs?.fieldConfig?.overrides?.find((o) => o.matcher.options === "trace_id")?.properties[0]?.value;
    assert.match(JSON.stringify(traceLink), /\$\{jaeger_url\}\/trace\/\$\{__value\.raw\}/);
    // Every metric queried is registered by the code (a histogram's series end in _bucket).
    const sources = ["core/src", "gateway/src", "scheduler/src"].flatMap((dir) =>
      (readdirSync(join(REPO, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
        .map((f) => readFileSync(join(REPO, dir, f), "utf8")),
    );
    const source = sources.join("\n");
    for (const name of names) {
      const base = name.replace(/_bucket$/, "");
      assert.ok(source.includes(`"${base}"`), `${name} is a metric some service registers`);
    }
  });

  it("documents every value in helm/arbiter/README.md, and only values that exist", () => {
    const values = parse(readFileSync(join(CHART, "values.yaml"), "utf8")) as Record<string, unknown>;
    const leaves: string[] = [];
    const all = new Set<string>();
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(node)) {
        const path = prefix ? `${prefix}.${key}` : key;
        all.add(path);
        if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
          walk(value as Record<string, unknown>, path);
        } else leaves.push(path);
      }
    };
    walk(values, "");
    const readme = readFileSync(join(CHART, "README.md"), "utf8");
    const documented = new Set([...readme.matchAll(/^\| `([A-Za-z0-9_.]+)` \|/gm)].map((m) => m[1] as string));
    const undocumented = leaves.filter((leaf) => {
      const parts = leaf.split(".");
      return !parts.some((_, i) => documented.has(parts.slice(0, i + 1).join(".")));
    });
    assert.deepEqual(undocumented, [], "values without a row in the README's table");
    assert.deepEqual(
      [...documented].filter((path) => !all.has(path)),
      [],
      "rows of the README's table that are no value",
    );
  });

  describe("the helm test pod", () => {
    let mesh: DistributedMesh | undefined;
    after(async () => mesh?.stop());

    it("checks health, runs an inference and a decision: its command passes against a fresh distributed mesh", async () => {
      const { objects } = await template();
      const pod = find(objects, "Pod", `${RELEASE}-arbiter-smoke-test`);
      assert.equal(pod.metadata.annotations?.["helm.sh/hook"], "test");
      const container = containerOf(pod.spec as PodSpec);
      assert.equal(container.image, "arbiter/gateway:0.1.0");
      assert.equal(envOf(container, "ARBITER_GATEWAY_URL")?.value, `http://${RELEASE}-arbiter-gateway:8080`);
      const script = container.args?.[0] ?? "";
      assert.match(script, /scripts\/helm-smoke\.mjs/);
      assert.match(script, /cli\/src\/main\.ts decide/);

      // The same command, from the repository root (the image's working directory), against a
      // mesh that starts empty, as a new release does.
      mesh = await startDistributedMesh({ schedulers: 1 });
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };
      for (const e of container.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
      env.ARBITER_GATEWAY_URL = mesh.gatewayUrl;
      const res = await run(container.command?.[0] ?? "sh", [...(container.command ?? []).slice(1), script], env);
      assert.equal(res.code, 0, `the test pod's command failed:\n${res.stdout}\n${res.stderr}`);
      assert.match(res.stdout, /gateway .* is SERVING/);
      assert.match(res.stdout, /registered model diabetes-regressor/);
      assert.match(res.stdout, /created pipeline transaction-risk/);
      assert.match(res.stdout, /inference of diabetes-regressor: .* as expected/);
      const decision = JSON.parse(res.stdout.slice(res.stdout.indexOf("{"))) as { pipeline: string; label: string };
      assert.equal(decision.pipeline, "transaction-risk");
      assert.ok(["approve", "review", "decline"].includes(decision.label), decision.label);
    });
  });
});
