# GitOpsHQ Registry & Catalog — shortcuts for the README's scripts.
.PHONY: run test
run:
	scripts/run.sh
test:
	scripts/test.sh
