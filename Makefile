# Two commands for a fresh machine:
#   make run    installs what is needed, builds, and runs doppel on the embedded demo dataset
#   make test   runs the test suite
SWIFT ?= swift
BUILD_FLAGS ?= -c release

.PHONY: run test build deps bench fuzz clean

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

# libFuzzer targets with the address sanitizer, FUZZ_SECONDS each (Fuzz/README.md).
FUZZ_SECONDS ?= 60
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
