# steampipe-plugin-partnertap
GO         ?= go
SP_DIR     ?= $(or $(STEAMPIPE_INSTALL_DIR),$(HOME)/.steampipe)
PLUGIN_DIR := $(SP_DIR)/plugins/local/partnertap
CONFIG_DIR := $(SP_DIR)/config

VERSION    := $(shell cat VERSION)
LDFLAGS    := -X github.com/partnertap-oss/steampipe-plugin-partnertap/partnertap.Version=$(VERSION)

.PHONY: build install release sandbox stack extension demo check test check-style sdk-fork test-unit test-install test-release fuzz test-e2e

## build: the plugin and the sandbox server into bin/
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/partnertap.plugin .
	$(GO) build -o bin/partnertap-sandbox ./cmd/partnertap-sandbox

## install: the plugin as local/partnertap in your Steampipe, and config/partnertap.spc if you have none
# The binary is copied beside the installed one and renamed over it: a running Steampipe keeps
# its plugin process on the old file (cp onto it fails with "Text file busy").
install: build
	mkdir -p $(PLUGIN_DIR) $(CONFIG_DIR)
	cp bin/partnertap.plugin $(PLUGIN_DIR)/.partnertap.plugin.new
	mv -f $(PLUGIN_DIR)/.partnertap.plugin.new $(PLUGIN_DIR)/partnertap.plugin
	test -f $(CONFIG_DIR)/partnertap.spc || cp config/partnertap.spc $(CONFIG_DIR)/partnertap.spc
	@echo "installed $(PLUGIN_DIR)/partnertap.plugin; if the Steampipe service is running, restart it: steampipe service restart"

## release: the plugin for linux and darwin on amd64 and arm64, as Steampipe lays out plugin releases, with SHA-256 checksums, into dist/ (RELEASE_DIR)
release:
	scripts/release.sh

## sandbox: serve the sandbox PartnerTap API on http://127.0.0.1:8787 (flags: make sandbox ARGS="-accounts 100000")
sandbox:
	$(GO) run ./cmd/partnertap-sandbox $(ARGS)

## stack: provision the local Steampipe CLI, FDW and PostgreSQL 15 (root; cached in ~/.cache)
stack:
	scripts/steampipe-stack.sh

## extension: build the standalone Postgres extension steampipe_postgres_partnertap and install it into PostgreSQL 15 (root)
extension:
	scripts/build-postgres-extension.sh

## demo: the sandbox plus real Steampipe queries
demo:
	scripts/demo.sh

## check: run the Powerpipe mod's benchmarks against the sandbox; results in build/check/
check:
	scripts/check.sh

## test: style, unit and in-process tests, then the end-to-end suite through the real Steampipe CLI
test: check-style sdk-fork test-unit test-install test-release fuzz test-e2e

# Style checks cover our code; third_party/ is upstream's, changed only through its patch files.
check-style:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^third_party/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/
	$(GO) mod tidy -diff
	@gomod=$$(sed -n 's/^go //p' go.mod); grep -q "You need Go $$gomod or later" README.md || { echo "README.md must say: You need Go $$gomod or later (go.mod's go line)"; exit 1; }

## sdk-fork: check that third_party/steampipe-plugin-sdk is the proxy's release plus its patch files, and that each patch's regression test fails without it
sdk-fork:
	scripts/sdk-fork.sh check
	scripts/sdk-fork.sh proof

# The race detector is on here (about 7 minutes on 2 cores, against 3 without): the SDK's races
# were real bugs. `go test ./...` alone is the fast loop while working.
test-unit:
	bash -c '. scripts/lib.sh && install_test_packages'
	$(GO) test -race ./...

## test-install: make install replaces a plugin that is running, under STEAMPIPE_INSTALL_DIR
test-install:
	scripts/test-install.sh

## test-release: make release builds every platform's archive, stamped, checksummed and reproducible
test-release:
	scripts/test-release.sh

## fuzz: a short run of the fuzz targets over their checked-in corpus
# Budgets are counts of inputs (about 10 s each here), not durations: with a duration, Go 1.26's
# fuzz coordinator can report its own deadline as a failure, "context deadline exceeded" with no
# failing input (golang/go#75804, fixed in Go 1.27).
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzPages -fuzztime 40000x ./internal/client/
	$(GO) test -run '^$$' -fuzz FuzzFilterEncoding -fuzztime 300000x ./internal/api/
	$(GO) test -run '^$$' -fuzz FuzzRowDecode -fuzztime 300000x ./internal/api/
	$(GO) test -run '^$$' -fuzz FuzzPageDecode -fuzztime 300000x ./internal/api/
	$(GO) test -run '^$$' -fuzz FuzzLegacyPageDecode -fuzztime 300000x ./internal/api/

test-e2e: stack extension
	scripts/build-steampipe-tools.sh powerpipe
	$(GO) test -tags e2e -count=1 -timeout 30m ./e2e/
