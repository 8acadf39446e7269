{{- define "who" }}from-b{{ end }}
{{- define "labels" -}}
{{ toYaml .Values.labels }}
who: {{ include "who" . }}
{{- end }}
