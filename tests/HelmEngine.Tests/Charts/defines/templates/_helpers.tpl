{{- define "defines.name" -}}
{{ .Chart.Name }}-{{ .Release.Name }}
{{- end -}}
{{- define "defines.item" -}}
item({{ . }})
{{- end -}}
{{- define "defines.dollar" -}}
dollar={{ $ }} dot={{ . }}
{{- end -}}
{{- define "shared" }}from _helpers{{ end -}}
{{- define "empty" }}{{ end -}}
