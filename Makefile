# Casework: the two commands of the README, and their building blocks.
#   make run   -- set everything up and serve the demo on http://127.0.0.1:5000 (SQLite)
#   make test  -- run the whole test suite
# Both are idempotent: they only do what is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
CATALOGUE := casework/translations/zh_Hans/LC_MESSAGES/messages
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup system-packages system-packages-test translations migrate demo lint \
        translations-extract clean

run: system-packages setup migrate demo
	$(FLASK) casework check
	$(FLASK) run --host $(HOST) --port $(PORT)

test: system-packages-test setup
	$(BIN)/pytest

setup: $(VENV)/.installed translations

system-packages:
	@scripts/ensure-system-packages.sh run

system-packages-test:
	@scripts/ensure-system-packages.sh $(if $(CI),ci,test)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

translations: $(CATALOGUE).mo

$(CATALOGUE).mo: $(CATALOGUE).po $(VENV)/.installed
	$(BIN)/pybabel compile -d casework/translations -D messages

# Refresh the catalogue from the code: new strings arrive untranslated (or fuzzy when close to an
# old one) and tests/i18n/test_catalogue.py names each until it is translated. The test extracts
# with this command's -k and --ignore-dirs: keep every gettext function the code uses in the -k
# list. --ignore-dirs replaces Babel's default, which skips folders starting with "_" such as
# templates/_layouts and templates/_macros.
translations-extract: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 \
	    -k lazy_pgettext:1c,2 --ignore-dirs ".* __pycache__ var" -c TRANSLATORS: \
	    --project Casework -o casework/translations/messages.pot .
	$(BIN)/pybabel update -i casework/translations/messages.pot -d casework/translations \
	    -D messages -l zh_Hans --init-missing --ignore-obsolete

migrate: setup
	mkdir -p var
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) casework seed-demo

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var .pytest_cache
