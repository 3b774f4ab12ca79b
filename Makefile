# Two commands for a fresh machine:
#   make run    installs what is needed, builds, and runs doppel on the embedded demo dataset
#   make test   runs the test suite
SWIFT ?= swift
BUILD_FLAGS ?= -c release

.PHONY: run test build deps bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

run: build
	$(SWIFT) run $(BUILD_FLAGS) doppel

test: deps
	$(SWIFT) test

bench: build
	bash Benchmarks/csv_load.sh

clean:
	rm -rf .build
