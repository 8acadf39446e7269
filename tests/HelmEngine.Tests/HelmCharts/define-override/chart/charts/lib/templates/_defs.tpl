{{- define "shared.greeting" -}}hello from lib{{- end }}
{{- define "lib.only" -}}only in lib ({{ .Chart.Name }}){{- end }}
{{- define "deep.word" -}}lib word{{- end }}
