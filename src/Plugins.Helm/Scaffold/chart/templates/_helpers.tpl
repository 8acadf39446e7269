{{/*
Named templates shared by this chart's manifests. Kubernetes names and label values are
limited to 63 characters, so every generated name is cut there.
*/}}

{{/* The chart's short name: nameOverride, else the chart name. */}}
{{- define "__NAME__.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of the release's objects: fullnameOverride, else "<release>-<name>", or just the
release name when it already contains the chart's name.
*/}}
{{- define "__NAME__.fullname" -}}
{{- $name := include "__NAME__.name" . }}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* "<chart>-<version>", as used in the helm.sh/chart label. */}}
{{- define "__NAME__.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the release's pods; they must never change between upgrades. */}}
{{- define "__NAME__.selectorLabels" -}}
app.kubernetes.io/name: {{ include "__NAME__.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "__NAME__.labels" -}}
{{ include "__NAME__.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "__NAME__.chart" . }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "__NAME__.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- .Values.serviceAccount.name | default (include "__NAME__.fullname" .) }}
{{- else }}
{{- .Values.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}
