# The two commands of the README: `make demo` and `make test`. Each installs what is missing (Debian
# packages only), configures and builds first.
BUILD ?= build
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build test package demo bench screenshots fuzz format clean

all: build

deps:
	@bash deploy/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) --timeout 900

# The Debian packages wijkkiosk and wijkqueue (CPack, cmake/Packaging.cmake), in $(BUILD)/packages/.
package: build
	@cd $(BUILD) && cpack -G DEB -B "$$PWD/packages" >/dev/null
	@rm -rf $(BUILD)/packages/_CPack_Packages
	@ls $(BUILD)/packages/*.deb

demo: build
	@bash deploy/demo.sh $(BUILD)

# The README's pictures: the real app under Xvfb, saved by the end-to-end tests.
screenshots: build
	@mkdir -p docs/screenshots
	@WIJKKIOSK_SCREENSHOTS=$(CURDIR)/docs/screenshots ctest --test-dir $(BUILD) -L 'e2e|browser' -j1 --output-on-failure
	@ls docs/screenshots

bench: build
	@bash bench/run.sh $(BUILD)

# Every fuzz target for FUZZ_SECONDS (tests/fuzz/run_all.sh): corpora grow in $(BUILD)/fuzz-corpus, the
# executions per target go to $(BUILD)/fuzz-summary.txt.
FUZZ_SECONDS ?= 600
fuzz: build
	@bash tests/fuzz/run_all.sh $(BUILD) $(FUZZ_SECONDS)

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)
