# GitOpsHQ Registry & Catalog
DATA ?= ./data
URLS ?= http://127.0.0.1:5080
CONFIGURATION ?= Release
SERVER_DLL = src/Server/bin/$(CONFIGURATION)/net10.0/GitOpsHQ.Server.dll

.PHONY: run build test prerequisites

## make run: build everything and start the server on $(URLS) with its data in $(DATA)
run: build
	dotnet $(SERVER_DLL) --data $(DATA) --urls $(URLS)

build: prerequisites
	dotnet build GitOpsHQ.sln -c $(CONFIGURATION) --nologo -v quiet -clp:ErrorsOnly

## make test: build and run the whole test suite
test: prerequisites
	dotnet test GitOpsHQ.sln -c $(CONFIGURATION) --nologo -v quiet

prerequisites:
	@scripts/prerequisites.sh
