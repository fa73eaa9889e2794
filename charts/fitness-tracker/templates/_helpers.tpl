{{/* vim: set filetype=mustache: */}}

{{/* Chart name, overridable with nameOverride. */}}
{{- define "fitness-tracker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Fully qualified app name, 63 characters at most (DNS label limit). A release
name that already contains the chart name is used as is.
*/}}
{{- define "fitness-tracker.fullname" -}}
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

{{/*
Name of a component's object: "<fullname>-<suffix>", the fullname shortened so
the result still fits in 63 characters.
Usage: include "fitness-tracker.componentName" (list $ "activity-grpc")
*/}}
{{- define "fitness-tracker.componentName" -}}
{{- $ctx := index . 0 -}}
{{- $suffix := index . 1 -}}
{{- $max := sub 62 (len $suffix) | int -}}
{{- printf "%s-%s" (include "fitness-tracker.fullname" $ctx | trunc $max | trimSuffix "-") $suffix -}}
{{- end -}}

{{/* Chart name and version for the helm.sh/chart label. */}}
{{- define "fitness-tracker.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Common labels. Usage: include "fitness-tracker.labels" (dict "ctx" $ "component" "gateway")
*/}}
{{- define "fitness-tracker.labels" -}}
helm.sh/chart: {{ include "fitness-tracker.chart" .ctx }}
{{ include "fitness-tracker.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: fitness-tracker
{{- end -}}

{{/*
Selector labels: name, instance and component only (they must never change).
Usage: include "fitness-tracker.selectorLabels" (dict "ctx" $ "component" "gateway")
*/}}
{{- define "fitness-tracker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fitness-tracker.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
ServiceAccount of a service. Usage: include "fitness-tracker.serviceAccountName" (list $ "user")
*/}}
{{- define "fitness-tracker.serviceAccountName" -}}
{{- $ctx := index . 0 -}}
{{- $svc := index . 1 -}}
{{- $sa := (index $ctx.Values $svc).serviceAccount -}}
{{- if $sa.create -}}
{{- default (include "fitness-tracker.componentName" (list $ctx $svc)) $sa.name -}}
{{- else -}}
{{- default "default" $sa.name -}}
{{- end -}}
{{- end -}}

{{/*
Image of a service: [<registry>/]<repository>(:<tag>|@<digest>). The tag falls
back to image.tag, then to the chart appVersion; `latest` is refused.
Usage: include "fitness-tracker.image" (list $ "gateway")
*/}}
{{- define "fitness-tracker.image" -}}
{{- $ctx := index . 0 -}}
{{- $svc := index . 1 -}}
{{- $img := (index $ctx.Values $svc).image -}}
{{- $registry := $ctx.Values.image.registry | trimSuffix "/" -}}
{{- $repository := required (printf "%s.image.repository is required" $svc) $img.repository -}}
{{- $ref := ternary (printf "%s/%s" $registry $repository) $repository (ne $registry "") -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $ref $img.digest -}}
{{- else -}}
{{- $tag := $img.tag | default $ctx.Values.image.tag | default $ctx.Chart.AppVersion | toString -}}
{{- if or (eq $tag "latest") (hasPrefix "latest@" $tag) -}}
{{- fail (printf "%s: the image tag `latest` is not allowed; pin a version (default: the chart appVersion)" $svc) -}}
{{- end -}}
{{- printf "%s:%s" $ref $tag -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret with the auth secrets (JWT_SECRET, INTERNAL_TOKEN_SECRET). */}}
{{- define "fitness-tracker.authSecretName" -}}
{{- if .Values.auth.existingSecret -}}
{{- .Values.auth.existingSecret -}}
{{- else -}}
{{- include "fitness-tracker.componentName" (list . "auth") -}}
{{- end -}}
{{- end -}}

{{/*
Key of an auth secret (JWT_SECRET or INTERNAL_TOKEN_SECRET) inside the auth Secret: the
variable's name in the chart's Secret, the configured key in auth.existingSecret.
Usage: include "fitness-tracker.authSecretKey" (list $ "INTERNAL_TOKEN_SECRET")
*/}}
{{- define "fitness-tracker.authSecretKey" -}}
{{- $ctx := index . 0 -}}
{{- $name := index . 1 -}}
{{- $auth := $ctx.Values.auth -}}
{{- if $auth.existingSecret -}}
{{- index (dict "JWT_SECRET" $auth.existingSecretKey "INTERNAL_TOKEN_SECRET" $auth.existingSecretInternalTokenKey) $name -}}
{{- else -}}
{{- $name -}}
{{- end -}}
{{- end -}}

{{/* Chart-managed Secret with the datastore URLs and passwords. */}}
{{- define "fitness-tracker.datastoreSecretName" -}}
{{- include "fitness-tracker.componentName" (list . "datastores") -}}
{{- end -}}

{{/* Shared, non-secret configuration. */}}
{{- define "fitness-tracker.configMapName" -}}
{{- include "fitness-tracker.componentName" (list . "config") -}}
{{- end -}}

{{/*
Secret holding one datastore URL (DATABASE_URL, MONGO_URL or REDIS_URL): the
chart's Secret when the in-chart store is enabled or external.existingSecret is
empty, else external.existingSecret.
Usage: include "fitness-tracker.urlSecretName" (list $ "DATABASE_URL")
*/}}
{{- define "fitness-tracker.urlSecretName" -}}
{{- $ctx := index . 0 -}}
{{- $key := index . 1 -}}
{{- $enabled := dict "DATABASE_URL" $ctx.Values.postgresql.enabled "MONGO_URL" $ctx.Values.mongodb.enabled "REDIS_URL" $ctx.Values.redis.enabled -}}
{{- if and (not (index $enabled $key)) $ctx.Values.external.existingSecret -}}
{{- $ctx.Values.external.existingSecret -}}
{{- else -}}
{{- include "fitness-tracker.datastoreSecretName" $ctx -}}
{{- end -}}
{{- end -}}

{{/*
A secret value that survives upgrades: the explicit value if given, else the
value already stored in the Secret (lookup; empty under `helm template`), else
random alphanumerics. Usage:
include "fitness-tracker.persistentSecret" (dict "ctx" $ "secret" NAME "key" KEY "value" EXPLICIT "length" 32)
*/}}
{{- define "fitness-tracker.persistentSecret" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .ctx.Release.Namespace .secret -}}
{{- $data := dict -}}
{{- if $existing -}}{{- $data = $existing.data | default dict -}}{{- end -}}
{{- if hasKey $data .key -}}
{{- index $data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum (int .length) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* gRPC targets: the headless Services, so grpc-js sees every pod and balances per call. */}}
{{- define "fitness-tracker.userTarget" -}}
{{- printf "dns:///%s.%s.svc.%s:%v" (include "fitness-tracker.componentName" (list . "user-grpc")) .Release.Namespace .Values.config.clusterDomain .Values.user.service.grpcPort -}}
{{- end -}}
{{- define "fitness-tracker.activityTarget" -}}
{{- printf "dns:///%s.%s.svc.%s:%v" (include "fitness-tracker.componentName" (list . "activity-grpc")) .Release.Namespace .Values.config.clusterDomain .Values.activity.service.grpcPort -}}
{{- end -}}

{{/* env entries. */}}
{{- define "fitness-tracker.envFromConfig" -}}
- name: {{ index . 1 }}
  valueFrom:
    configMapKeyRef:
      name: {{ include "fitness-tracker.configMapName" (index . 0) }}
      key: {{ index . 1 }}
{{- end -}}
{{- define "fitness-tracker.envDatastoreUrl" -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "fitness-tracker.urlSecretName" . }}
      key: {{ index . 1 }}
{{- end -}}
{{/* An auth secret as env var. Usage: include "fitness-tracker.envAuthSecret" (list $ "JWT_SECRET") */}}
{{- define "fitness-tracker.envAuthSecret" -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ include "fitness-tracker.authSecretName" (index . 0) }}
      key: {{ include "fitness-tracker.authSecretKey" . }}
{{- end -}}
{{/* Extra env from a `<svc>.env` map. */}}
{{- define "fitness-tracker.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end -}}
{{- end -}}

{{/* Pod-level settings shared by the three services. Usage: include ... (list $ "gateway") */}}
{{- define "fitness-tracker.podCommon" -}}
{{- $ctx := index . 0 -}}
{{- $svc := index . 1 -}}
{{- $v := index $ctx.Values $svc -}}
serviceAccountName: {{ include "fitness-tracker.serviceAccountName" (list $ctx $svc) }}
automountServiceAccountToken: false
{{- with $ctx.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $ctx.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ $ctx.Values.terminationGracePeriodSeconds }}
{{- with $v.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{ include "fitness-tracker.topologySpread" (list $ctx $svc) }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
{{- end -}}

{{/*
Spread a component's replicas over nodes when possible (soft: ScheduleAnyway, by
hostname), never block scheduling for it. Usage: include "fitness-tracker.topologySpread" (list $ "user")
*/}}
{{- define "fitness-tracker.topologySpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "fitness-tracker.selectorLabels" (dict "ctx" (index . 0) "component" (index . 1)) | nindent 8 }}
{{- end -}}

{{/*
Replicas a service runs: the HPA's minimum for the gateway with autoscaling on (the
PodDisruptionBudgets count on it), else <svc>.replicaCount.
Usage: include "fitness-tracker.replicas" (list $ "user")
*/}}
{{- define "fitness-tracker.replicas" -}}
{{- $v := index (index . 0).Values (index . 1) -}}
{{- if and $v.autoscaling $v.autoscaling.enabled -}}
{{- $v.autoscaling.minReplicas | int -}}
{{- else -}}
{{- $v.replicaCount | int -}}
{{- end -}}
{{- end -}}

{{/*
spec.replicas of the gateway. With the HPA on: its minimum on install, so that
`helm install --wait` waits for that many ready pods (without the field the API
server starts the Deployment at 1 and --wait may return before the HPA scales it);
on upgrade the live count, kept within the HPA's bounds, because a fixed value
would reset what the HPA scaled to (Helm's three-way merge patches it back).
`helm template` has no cluster to ask: the minimum.
*/}}
{{- define "fitness-tracker.gatewayReplicas" -}}
{{- $a := .Values.gateway.autoscaling -}}
{{- if $a.enabled -}}
{{- $live := lookup "apps/v1" "Deployment" .Release.Namespace (include "fitness-tracker.componentName" (list . "gateway")) -}}
{{- $current := 0 -}}
{{- if $live }}{{ $current = $live.spec.replicas | default 0 | int }}{{ end -}}
{{- max ($a.minReplicas | int) (min $current ($a.maxReplicas | int)) -}}
{{- else -}}
{{- .Values.gateway.replicaCount | int -}}
{{- end -}}
{{- end -}}

{{/* Container-level settings shared by the three services. */}}
{{- define "fitness-tracker.containerCommon" -}}
{{- $ctx := index . 0 -}}
{{- $svc := index . 1 -}}
image: {{ include "fitness-tracker.image" (list $ctx $svc) | quote }}
imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
securityContext:
  {{- toYaml $ctx.Values.containerSecurityContext | nindent 2 }}
resources:
  {{- toYaml (index $ctx.Values $svc).resources | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
lifecycle:
  # Let endpoints and load balancers drop the pod before SIGTERM. `sleep` via
  # node: the image needs no shell tools for it.
  preStop:
    exec:
      command: ["node", "-e", "setTimeout(() => {}, {{ mul $ctx.Values.preStopDelaySeconds 1000 }})"]
{{- end -}}

{{/* Checksums that roll the pods when their configuration changes. */}}
{{- define "fitness-tracker.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end -}}

{{/*
One-line node script: wait (up to 5 minutes) until the host:port of the URL in
env var <arg> accepts TCP connections. Usage: include "fitness-tracker.waitForTcpScript" "DATABASE_URL"
*/}}
{{- define "fitness-tracker.waitForTcpScript" -}}
const net = require('node:net'); const u = new URL(process.env.{{ . }}); const port = Number(u.port) || 5432; const deadline = Date.now() + 300000; const attempt = () => { let done = false; const s = net.connect({ host: u.hostname, port, timeout: 3000 }); const retry = (why) => { if (done) return; done = true; s.destroy(); if (Date.now() > deadline) { console.error('{{ . }} host ' + u.hostname + ':' + port + ' unreachable: ' + why); process.exit(1); } console.log('waiting for ' + u.hostname + ':' + port + ' (' + why + ')'); setTimeout(attempt, 2000); }; s.once('connect', () => { done = true; s.end(); console.log(u.hostname + ':' + port + ' is reachable'); process.exit(0); }); s.once('error', (e) => retry(e.code || e.message)); s.once('timeout', () => retry('timeout')); }; attempt();
{{- end -}}
