{{ define "leaf.note" }}leaf of {{ .Chart.Name }}{{ end }}
