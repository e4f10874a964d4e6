# tidewatch: a thin wrapper over CMake.  Every target that needs packages
# runs scripts/bootstrap first, so a fresh Debian machine needs nothing else.
BUILD    ?= build
ASAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build bootstrap test run bench asan fuzz examples install clean

all: build

bootstrap:
	@scripts/bootstrap

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: bootstrap build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

run: bootstrap build
	@echo "== tidewatch scan examples/ (every engine; exit 1 means findings) =="
	@$(BUILD)/tidewatch scan --format text examples/ ; rc=$$?; \
	  if [ $$rc -gt 1 ]; then exit $$rc; fi

asan: bootstrap
	@cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DTW_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

fuzz: bootstrap
	@CC=clang cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=Debug -DTW_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)
	@echo "fuzzers in $(FUZZ_DIR)/fuzz; run one on a copy of its seeds, e.g.:"
	@echo "  cp -r fuzz/corpus/ios /tmp/ios-corpus && $(FUZZ_DIR)/fuzz/fuzz_ios /tmp/ios-corpus -max_total_time=60"
	@echo "a crasher saved into fuzz/corpus/<parser>/ becomes a regression test of make test"

bench: bootstrap build
	@bench/run

examples:
	@scripts/make-examples examples

install: build
	@cmake --install $(BUILD)

clean:
	@rm -rf $(BUILD) $(ASAN_DIR) $(FUZZ_DIR)
