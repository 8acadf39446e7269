{{- define "deep.word" -}}deep word{{- end }}
