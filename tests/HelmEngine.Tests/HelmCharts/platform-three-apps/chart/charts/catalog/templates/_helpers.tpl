{{- define "shop.fullname" -}}{{ include "common.fullname" . }}{{- end }}
{{- define "shop.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}{{ include "common.fullname" . }}{{ else }}default{{ end }}
{{- end }}
