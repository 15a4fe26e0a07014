{{/* Names, labels and the pieces the gateway and scheduler templates share. */}}

{{- define "arbiter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's base name: <release>-arbiter, or the release name when it already says arbiter. */}}
{{- define "arbiter.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: <fullname>-<component>. */}}
{{- define "arbiter.componentName" -}}
{{- printf "%s-%s" (include "arbiter.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "arbiter.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component (immutable once deployed). */}}
{{- define "arbiter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "arbiter.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Every label of a component's objects. */}}
{{- define "arbiter.labels" -}}
helm.sh/chart: {{ include "arbiter.chart" .root }}
{{ include "arbiter.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: arbiter
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "arbiter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "arbiter.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository:tag of an image block; the tag defaults to the appVersion, plus "-<variant>". */}}
{{- define "arbiter.image" -}}
{{- $tag := default .root.Chart.AppVersion .image.tag -}}
{{- if .image.variant -}}
{{- $tag = printf "%s-%s" $tag .image.variant -}}
{{- end -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}

{{/* Names of the Secrets the pods read. */}}
{{- define "arbiter.authSecretName" -}}
{{- default (include "arbiter.componentName" (dict "root" . "component" "auth")) .Values.auth.existingSecret -}}
{{- end -}}

{{- define "arbiter.postgresqlSecretName" -}}
{{- default (include "arbiter.componentName" (dict "root" . "component" "postgresql")) .Values.postgresql.auth.existingSecret -}}
{{- end -}}

{{/*
A generated secret value that survives upgrades: the one already in the cluster's Secret when
there is one (lookup sees nothing under `helm template`, which then shows a fresh value).
*/}}
{{- define "arbiter.persistentSecretValue" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- if and $existing (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 40 -}}
{{- end -}}
{{- end -}}

{{/* The NATS URL of the in-release cluster: its client Service (clients learn the members from it). */}}
{{- define "arbiter.natsUrls" -}}
{{- printf "nats://%s:%d" (include "arbiter.componentName" (dict "root" . "component" "nats")) (int .Values.nats.port) -}}
{{- end -}}

{{/* Environment entries every role gets: the pod's identity, the bus URLs when secret, tracing. */}}
{{- define "arbiter.commonEnv" -}}
{{- $root := .root -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- if and (not $root.Values.nats.enabled) $root.Values.nats.external.existingSecret }}
- name: ARBITER_BUS_NATS_URLS
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.nats.external.existingSecret }}
      key: {{ $root.Values.nats.external.existingSecretKey }}
{{- end }}
{{- if $root.Values.tracing.enabled }}
- name: OTEL_SERVICE_NAME
  value: {{ printf "arbiter-%s" .component }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=%s,k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME)" $root.Release.Namespace | quote }}
{{- end }}
{{- end -}}

{{/*
terminationGracePeriodSeconds of a role: the preStop sleep, then the role's own drain, then a
margin; a value given in the values must leave room for the first two.
*/}}
{{- define "arbiter.terminationGrace" -}}
{{- $drainSeconds := div (add (int64 .drainMs) 999) 1000 -}}
{{- $needed := add (int64 .role.preStopSleepSeconds) $drainSeconds -}}
{{- if kindIs "invalid" .role.terminationGracePeriodSeconds -}}
{{- add $needed (int64 .root.Values.terminationGraceMarginSeconds) -}}
{{- else if le (int64 .role.terminationGracePeriodSeconds) $needed -}}
{{- fail (printf "%s.terminationGracePeriodSeconds (%v) must be longer than %s.preStopSleepSeconds + %s (%d s), or the pod is killed before it drains" .component .role.terminationGracePeriodSeconds .component .drainSetting $needed) -}}
{{- else -}}
{{- int64 .role.terminationGracePeriodSeconds -}}
{{- end -}}
{{- end -}}

{{/* The preStop hook: sleep, so endpoints are removed before the process is told to stop. */}}
{{- define "arbiter.preStop" -}}
{{- if semverCompare ">=1.30-0" .root.Capabilities.KubeVersion.Version }}
preStop:
  sleep:
    seconds: {{ .seconds }}
{{- else }}
preStop:
  exec:
    command: ["sleep", "{{ .seconds }}"]
{{- end }}
{{- end -}}

{{/* Kubernetes grpc probes against grpc.health.v1 on `port` for `service` (TCP when the port speaks TLS). */}}
{{- define "arbiter.probe" -}}
{{- if .tls }}
tcpSocket:
  port: {{ .port }}
{{- else }}
grpc:
  port: {{ .port }}
  {{- if .service }}
  service: {{ .service | quote }}
  {{- end }}
{{- end }}
periodSeconds: {{ .settings.periodSeconds }}
failureThreshold: {{ .settings.failureThreshold }}
timeoutSeconds: {{ .settings.timeoutSeconds }}
{{- end -}}

{{/* Pod-level scheduling fields of a role. */}}
{{- define "arbiter.podPlacement" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end -}}

{{/* NetworkPolicy peer for the cluster DNS, and the egress rule to it. */}}
{{- define "arbiter.dnsEgress" -}}
- to:
    - namespaceSelector:
        {{- toYaml .Values.networkPolicy.dns.namespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml .Values.networkPolicy.dns.podSelector | nindent 8 }}
  ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
{{- end -}}

{{/* The Prometheus peer allowed to read metrics ports. */}}
{{- define "arbiter.prometheusPeer" -}}
- namespaceSelector:
    {{- toYaml .Values.networkPolicy.prometheus.namespaceSelector | nindent 4 }}
  podSelector:
    {{- toYaml .Values.networkPolicy.prometheus.podSelector | nindent 4 }}
{{- end -}}

{{/* Egress from a role to the bus: the in-release NATS pods, or the external NATS. */}}
{{- define "arbiter.natsEgress" -}}
{{- if .Values.nats.enabled }}
- to:
    - podSelector:
        matchLabels:
          {{- include "arbiter.selectorLabels" (dict "root" . "component" "nats") | nindent 10 }}
  ports:
    - protocol: TCP
      port: {{ .Values.nats.port }}
{{- else }}
- ports:
    - protocol: TCP
      port: {{ .Values.networkPolicy.externalNatsPort }}
  {{- with .Values.networkPolicy.externalNats }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/*
Secret volumes of the TLS files a role reads (`component`: gateway or scheduler): the gateway's
certificate and client CA bundle, the CA (and client certificate) of an external NATS, and, for
schedulers, those of an external PostgreSQL. Whole-Secret volumes, never subPath: Kubernetes
updates them in place when the Secret changes, and the gateway reloads its certificate from them.
*/}}
{{- define "arbiter.tlsVolumes" -}}
{{- $gw := .root.Values.gateway.tls }}
{{- if and (eq .component "gateway") $gw.enabled }}
- name: tls
  secret:
    secretName: {{ required "gateway.tls.existingSecret is required when gateway.tls.enabled" $gw.existingSecret }}
{{- if $gw.clientCaSecret }}
- name: client-ca
  secret:
    secretName: {{ $gw.clientCaSecret }}
{{- end }}
{{- end }}
{{- if and (not .root.Values.nats.enabled) .root.Values.nats.external.tls.existingSecret }}
- name: nats-tls
  secret:
    secretName: {{ .root.Values.nats.external.tls.existingSecret }}
{{- end }}
{{- if and (eq .component "scheduler") (not .root.Values.postgresql.enabled) .root.Values.postgresql.external.tls.existingSecret }}
- name: postgresql-tls
  secret:
    secretName: {{ .root.Values.postgresql.external.tls.existingSecret }}
{{- end }}
{{- end -}}

{{/* The mounts of the volumes of arbiter.tlsVolumes, read-only, under /etc/arbiter. */}}
{{- define "arbiter.tlsVolumeMounts" -}}
{{- range (include "arbiter.tlsVolumes" . | fromYamlArray) }}
- name: {{ .name }}
  mountPath: /etc/arbiter/{{ .name }}
  readOnly: true
{{- end }}
{{- end -}}
