{{ define "site.name" }}{{ .Release.Name }}-{{ .Chart.Name }}{{ end }}
