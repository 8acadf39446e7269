{{- define "deep.word" -}}deep z word{{- end }}
