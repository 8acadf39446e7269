{{- define "shared.greeting" -}}hello from the parent{{- end }}
{{- define "app.label" -}}app-label{{- end }}
