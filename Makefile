# The two commands a newcomer needs: `make demo` and `make test`.
# Everything else here is what they are made of.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the site is served at, for the links in e-mails: HOST and PORT,
# or, where HOST listens on every interface, the first of ALLOWED_HOSTS.
comma := ,
SERVED_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),$(or $(firstword $(subst $(comma), ,$(ALLOWED_HOSTS))),localhost),$(HOST))
WAGTAILADMIN_BASE_URL ?= http://$(SERVED_HOST):$(PORT)
# `make demo` runs the production server (gunicorn + whitenoise) with the local
# settings: SQLite unless DATABASE_URL says otherwise, plain HTTP, DEBUG off;
# e-mail is written to mail/ (EMAIL_BACKEND chooses another way).
DEMO_ENV := DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=false WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL)
PIP_INSTALL := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps

.PHONY: demo serve test lint format check pytest drills backup restore messages search-dictionary install install-dev clean

demo: install node_modules/.installed
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(MAKE) serve

# gunicorn serves; beside it, a worker translates whole projects (subtrees)
# in the background. Both stop together.
serve:
	@echo "Serving on http://$(HOST):$(PORT)/ (the admin is at /admin/; links in e-mails: $(WAGTAILADMIN_BASE_URL)); Ctrl+C stops."
	$(DEMO_ENV) $(BIN)/python manage.py db_worker --backend background --queue-name translations & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config config/gunicorn.py config.wsgi

test: install-dev node_modules/.installed lint check pytest

# ruff, and import-linter holding the layers of ARCHITECTURE.md (pyproject.toml).
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check:
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Two workers (pytest-xdist), one per core, each with its own test database;
# PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= 2
pytest:
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Fault drills (bench/drills.py, bench/README.md): Redis and PostgreSQL stopped
# under load, workers killed mid-write, on private servers. Needs root.
drills: install-dev
	$(BIN)/python bench/drills.py

# Rebuild the message catalogues after changing a visible string (needs gettext).
messages:
	$(BIN)/python manage.py makemessages --no-obsolete --no-location $(foreach lang,pl ru fi en,--locale $(lang)) --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

# Polish search on PostgreSQL: run where the database server runs, as a user
# who may write to its share folder, with Debian's hunspell-pl installed.
search-dictionary: install
	$(BIN)/python manage.py setup_search --install-dictionary --no-reindex

# The database and the uploaded media in one signed archive (BACKUP_DIR, else
# backups/), and back: `make restore BACKUP=backups/<archive>.tar.gz` into an
# empty database (FORCE=1 to replace a database's content), checked first.
# Signed with BACKUP_SIGNING_KEY, else (these dev settings) with a key derived
# from SECRET_KEY; see README, "Backups".
backup: install
	$(DEMO_ENV) $(BIN)/python manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=path/to/archive.tar.gz" >&2; exit 2; }
	$(DEMO_ENV) $(BIN)/python manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(PIP_INSTALL) -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $@ $(VENV)/.installed

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules staticfiles
