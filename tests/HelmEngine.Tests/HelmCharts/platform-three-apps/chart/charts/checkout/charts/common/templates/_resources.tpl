{{- define "common.configmap" -}}
apiVersion: v1
kind: ConfigMap
{{ include "common.metadata" . }}
data:
  {{- range $k, $v := .Values.config }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
{{- end }}

{{- define "common.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}
