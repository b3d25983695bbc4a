# The two commands of the README are `make demo` and `make test`; both set everything up first.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup demo test bench screenshots bundle clean

setup:
	@deploy/setup-host.sh

demo: setup
	$(PY) -m kiosk.demo

test: setup
	$(VENV)/bin/ruff check .
	$(PY) -m screens.audit --quiet
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

screenshots: setup
	$(PY) -m screens.gallery

bundle: setup
	$(VENV)/bin/pyinstaller --noconfirm --clean kiosk.spec
	@du -sh dist/efz-kiosk

clean:
	rm -rf $(VENV) build dist var/demo
