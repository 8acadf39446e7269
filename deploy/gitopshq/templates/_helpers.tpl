{{- define "gitopshq.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "gitopshq.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "gitopshq.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "gitopshq.claimName" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-data" (include "gitopshq.fullname" .)) -}}
{{- end -}}

{{- define "gitopshq.databaseSecret" -}}
{{- .Values.database.existingSecret | default (printf "%s-database" (include "gitopshq.fullname" .)) -}}
{{- end -}}

{{/* Settings that cannot work together stop the install with the reason. */}}
{{- define "gitopshq.validate" -}}
{{- if not (has .Values.database.provider (list "sqlite" "postgres")) -}}
{{- fail (printf "database.provider must be sqlite or postgres, not %q" .Values.database.provider) -}}
{{- end -}}
{{- if and (eq .Values.database.provider "postgres") (not .Values.database.existingSecret) (not .Values.database.connectionString) -}}
{{- fail "database.provider=postgres needs database.existingSecret or database.connectionString" -}}
{{- end -}}
{{- if gt (int .Values.replicaCount) 1 -}}
{{- if ne .Values.database.provider "postgres" -}}
{{- fail "replicaCount > 1 needs database.provider=postgres: replicas cannot share the SQLite database" -}}
{{- end -}}
{{- if not .Values.redis.configuration -}}
{{- fail "replicaCount > 1 needs redis.configuration (host:port): replicas share rate limits and notices through Redis" -}}
{{- end -}}
{{- if and (not .Values.persistence.existingClaim) (not (has "ReadWriteMany" .Values.persistence.accessModes)) -}}
{{- fail "replicaCount > 1 needs persistence.accessModes with ReadWriteMany (or persistence.existingClaim): every replica mounts the data folder" -}}
{{- end -}}
{{- end -}}
{{- end -}}
