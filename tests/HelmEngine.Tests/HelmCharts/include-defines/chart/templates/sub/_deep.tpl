{{- define "who" }}from-deep{{ end }}
{{- define "deep" }}deep-only{{ end }}
