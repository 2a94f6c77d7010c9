# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format system-deps messages bench clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

system-deps:
	@bash scripts/install-system-deps.sh

run: $(STAMP) system-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data
	bash scripts/run-embedded.sh

test: $(STAMP) system-deps
	$(PY) -m pytest -n auto

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# After changing user-facing strings: update locale/en and compile it (the .mo is committed).
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete
	$(PY) manage.py compilemessages -l en --ignore=.venv

bench: $(STAMP)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf var
