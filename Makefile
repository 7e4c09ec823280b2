# The two commands of the README: `make demo` and `make test`. Each installs what is missing (Debian
# packages only), configures and builds first.
BUILD ?= build
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build test package demo bench chaos fuzz sanitize screenshots format clean

all: build

deps:
	@bash deploy/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) --timeout 900 \
	  || { bash tests/print_failures.sh $(BUILD); exit 1; }

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

# Every benchmark in a Release build of its own (only the programs and the bench tools, not the tests),
# then one table: bench/results/latest.md (docs/performance.md). BENCH_RUNS=n, BENCH_QUICK=1.
# Release at -O2, the level the packages ship at (make packages; Debian builds at -O2): the figures are the
# installed kiosk's. CMake's -O3 also meets GCC 12's false -Wrestrict/-Wstringop-overflow alarms.
BENCH_BUILD ?= build-bench
BENCH_OPT = -O2 -DNDEBUG
bench: deps
	@cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="$(BENCH_OPT)" \
	  -DWIJKKIOSK_FUZZ=OFF >/dev/null
	@cmake --build $(BENCH_BUILD) -j$(JOBS) --target bench_all
	@bash bench/run.sh $(BENCH_BUILD)

# The chaos campaign big (issue 19): 5,000 tickets and 200 volunteers' registrations from four kiosks
# under faults and kills, on SQLite and on PostgreSQL; one JSON line per backend in $(CHAOS_REPORT).
CHAOS_TICKETS ?= 5000
CHAOS_VOLUNTEERS ?= 200
CHAOS_REPORT ?= $(BUILD)/chaos-report.jsonl
chaos: build
	@rm -f $(CHAOS_REPORT)
	@status=0; for db in sqlite postgres; do \
	  WIJKKIOSK_BIN_DIR=$(CURDIR)/$(BUILD)/bin WIJKKIOSK_TEST_DB=$$db WIJKKIOSK_CHAOS_TICKETS=$(CHAOS_TICKETS) \
	  WIJKKIOSK_CHAOS_VOLUNTEERS=$(CHAOS_VOLUNTEERS) WIJKKIOSK_CHAOS_REPORT=$(abspath $(CHAOS_REPORT)) \
	    $(BUILD)/bin/chaos_test --gtest_brief=1 || status=1; \
	done; echo "chaos report ($(CHAOS_REPORT)):"; cat $(CHAOS_REPORT); exit $$status

# Every fuzz target for FUZZ_SECONDS (tests/fuzz/run_all.sh), one per core at a time (FUZZ_JOBS;
# FUZZ_TARGETS="a b" for some): corpora grow in $(BUILD)/fuzz-corpus, the executions per target go to
# $(BUILD)/fuzz-summary.txt.
FUZZ_SECONDS ?= 600
fuzz: build
	@bash tests/fuzz/run_all.sh $(BUILD) $(FUZZ_SECONDS)

# The whole suite under ASan+UBSan and the threaded parts under TSan, in build-asan/ and build-tsan/
# (tests/sanitize/run.sh; docs/reliability.md has the last figures).
sanitize: deps
	@JOBS=$(JOBS) bash tests/sanitize/run.sh $(or $(SANITIZERS),both)

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)
