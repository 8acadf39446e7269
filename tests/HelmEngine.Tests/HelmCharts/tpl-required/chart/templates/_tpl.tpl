{{- define "tplchart.render" -}}
{{- tpl .value .context }}
{{- end -}}
