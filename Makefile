# Tailor: `make run` starts the app on the embedded default; `make test` runs the tests.
# Both create .venv from requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test check seed bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

run: $(VENV)/.installed
	$(PY) launcher.py

test: $(VENV)/.installed
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) launcher.py --check

seed: $(VENV)/.installed
	$(PY) -m demo.seed --count $(or $(COUNT),200)

bench: $(VENV)/.installed
	$(PY) -m bench.candidates
	$(PY) -m bench.parse_speed --corpus ../shared/corpus
	$(PY) -m bench.parse_eval --corpus ../shared/corpus
	$(PY) -m bench.quality
	$(PY) -m bench.llm
	$(PY) -m bench.enqueue
	$(PY) -m bench.batch
	$(PY) -m bench.batch --gemini-fake --latency 2

clean:
	rm -rf $(VENV) var
