# newscollate: `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: bench-stories bench-serve serve run test check lint typecheck pytest eval bench browser java compiler clean

# torch goes first and pinned: 2.13.0 resolves to the local CPU wheel; letting
# sentence-transformers pull torch would fetch gigabytes of CUDA packages.
# The last step builds the index kernels ahead of time for this machine (about 6 s;
# without a C compiler it fails quietly and they are compiled just in time).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -c "from newscollate.index import compiled; compiled.ahead_of_time()"
	touch $(STAMP)

# The main job on the bundled examples: index every article of examples/ into a
# fresh story store, list the stories, and write an HTML collation per story (with
# its fact checks) plus a linked list; then collate the harbour-fire story in the
# terminal.
run: $(STAMP)
	@mkdir -p $(OUT)
	rm -f $(OUT)/example.db $(OUT)/example.db-wal $(OUT)/example.db-shm
	$(VENV)/bin/newscollate index add examples --store $(OUT)/example.db
	$(VENV)/bin/newscollate stories --store $(OUT)/example.db --format text
	$(VENV)/bin/newscollate stories --store $(OUT)/example.db --min-size 2 --format html \
	  -o $(OUT)/stories.html --reports $(OUT)/stories
	$(VENV)/bin/newscollate compare examples/harbour-fire --format html -o $(OUT)/harbour-fire.html
	$(VENV)/bin/newscollate compare examples/harbour-fire --format text
	@echo "Stories: $(OUT)/stories.html (one report per story in $(OUT)/stories/); harbour fire: $(OUT)/harbour-fire.html"

# The web app over the store `make run` builds: http://127.0.0.1:8000 (API docs at /docs).
serve: $(STAMP)
	@test -f $(OUT)/example.db || $(MAKE) run
	$(VENV)/bin/newscollate serve --store $(OUT)/example.db

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

check: lint typecheck

# Debian's Chromium for the screenshot tests (root on CI and the dev machines).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Java 17 for the Spark engine's tests (PySpark runs Spark in local mode in a JVM).
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing Java 17 for the Spark tests" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

# A C compiler, with which Numba builds the index kernels ahead of time (their test
# checks that it did; without one they are compiled just in time).
compiler:
	@command -v cc >/dev/null 2>&1 || { \
	  echo "installing gcc to build the index kernels ahead of time" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc >/dev/null; }

pytest: $(STAMP) browser java compiler
	$(VENV)/bin/pytest

test: check pytest

eval: $(STAMP)
	$(PY) bench/quality.py --all
	$(PY) bench/stories_real.py --embed-all
	$(PY) bench/stories_crossval.py

# story finding at 10k and 100k next to datasketch and text-dedup (their own venv, bench/.venv-peers)
bench-stories: $(STAMP)
	bash bench/peers/setup.sh
	$(PY) bench/bench_stories.py --sizes 10000,100000 --peers

bench: $(STAMP)
	$(PY) bench/bench_compare.py

# 50 clients posting the seed pair to newscollate serve's /api/compare for 60 s
bench-serve: $(STAMP)
	$(PY) bench/bench_serve.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
