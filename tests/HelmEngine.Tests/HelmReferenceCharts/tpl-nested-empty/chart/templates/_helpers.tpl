{{- define "nested.annotations" -}}
checksum: {{ tpl .Values.config . | sha256sum }}
{{- end }}
