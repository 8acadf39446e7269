{{- define "check" -}}
{{- if ne .Values.mode "good" }}{{ fail (printf "mode %q is not supported" .Values.mode) }}{{ end -}}
{{- end -}}
