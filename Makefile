# Tailor: `make run` starts the app on the embedded default; `make test` runs the tests.
# Both create .venv from requirements.txt on first use (tests and benchmarks add
# requirements-test.txt). `make run PORT=8600` picks the
# port; `make clean` starts over (deletes .venv and var/).

# Paths start at this file's folder, so `make -f path/to/Makefile run` works from anywhere.
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
PYTHON ?= python3
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python

.PHONY: run test check seed bench clean

$(VENV)/.installed: $(ROOT)/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(ROOT)/requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed $(ROOT)/requirements-test.txt
	$(PY) -m pip install --quiet -r $(ROOT)/requirements-test.txt
	touch $@

run: $(VENV)/.installed
	$(PY) $(ROOT)/launcher.py

test: $(VENV)/.installed-test
	cd $(ROOT) && $(PY) -m pytest -n 2

check: $(VENV)/.installed
	$(PY) $(ROOT)/launcher.py --check

seed: $(VENV)/.installed
	cd $(ROOT) && $(PY) -m demo.seed --count $(or $(COUNT),200)

bench: $(VENV)/.installed-test
	$(PY) -m bench.candidates
	$(PY) -m bench.parse_speed --corpus ../shared/corpus
	cd $(ROOT)/bench/jsonresume && npm ci --ignore-scripts --no-audit --no-fund
	$(PY) -m bench.jsonresume_render --corpus ../shared/corpus
	$(PY) -m bench.parse_eval --corpus ../shared/corpus
	cd $(ROOT)/bench/jsonresume_probe && npm ci --ignore-scripts --no-audit --no-fund
	$(PY) -m bench.theme_probe --corpus ../shared/corpus --set tune
	$(PY) -m bench.theme_probe --corpus ../shared/corpus --set holdout
	$(PY) -m bench.theme_probe --corpus ../shared/corpus --set tune --printer wkhtmltopdf
	$(PY) -m bench.theme_probe --corpus ../shared/corpus --set holdout --printer wkhtmltopdf
	cd $(ROOT)/bench/jsonresume_further && npm ci --ignore-scripts --no-audit --no-fund
	$(PY) -m bench.further_theme_probe --corpus ../shared/corpus --set tune
	$(PY) -m bench.further_theme_probe --corpus ../shared/corpus --set holdout
	$(PY) -m bench.role_names_probe --corpus ../shared/corpus --set tune
	$(PY) -m bench.role_names_probe --corpus ../shared/corpus --set holdout
	$(PY) -m bench.typeset_probe --corpus ../shared/corpus --set tune
	$(PY) -m bench.typeset_probe --corpus ../shared/corpus --set holdout
	$(PY) -m bench.header_probe --corpus ../shared/corpus
	$(PY) -m bench.quality
	$(PY) -m bench.llm
	$(PY) -m bench.enqueue
	$(PY) -m bench.batch
	$(PY) -m bench.batch --gemini-fake --latency 2

clean:
	rm -rf $(VENV) $(ROOT)/var
