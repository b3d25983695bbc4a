# The two commands of the README are `make demo` and `make test`; both set everything up first.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup demo test bench screenshots bundle deb clean

setup:
	@deploy/setup-host.sh

demo: setup
	$(PY) -m kiosk.demo

test: setup
	$(VENV)/bin/ruff check .
	$(PY) -m screens.audit --quiet
	PYTHONUNBUFFERED=1 $(PY) -m pytest  # a log cut off by a CI timeout shows where the run was

bench: setup
	$(PY) -m bench

screenshots: setup
	$(PY) -m screens.gallery

bundle: setup
	$(VENV)/bin/pyinstaller --noconfirm --clean kiosk.spec
	@du -sh dist/efz-kiosk

# The Debian package (efz-kiosk_VERSION_amd64.deb in dist/) from the bundle.
deb: bundle
	$(PY) deploy/deb/build_deb.py --bundle dist/efz-kiosk --out dist

clean:
	rm -rf $(VENV) build dist var/demo
