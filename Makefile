# Two commands: `make demo` (set up, then run the whole flow on the embedded defaults)
# and `make test` (set up, then run the test suite). Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: demo test setup setup-test system-deps bytecode bench clean-demo

demo: setup
	$(BIN)/auditpack demo

test: setup-test
	$(BIN)/python -m pytest

setup: system-deps $(VENV)/.installed bytecode

# AuditPack's own modules compiled once, as pip compiles an installed package: the editable install
# would otherwise compile every changed module at every start under PYTHONDONTWRITEBYTECODE=1 (the gain
# was within the noise of a same-run measurement on this machine: docs/ingest.md). Only changed modules are
# recompiled; a stale file is never used (Python checks each source's modification time).
bytecode: $(VENV)/.installed
	@$(BIN)/python -m compileall -q -j 0 app auditpack ingest knowledge generators review_ui sample >/dev/null

setup-test: setup $(VENV)/.installed-test

# Debian packages the project uses: LibreOffice (DOCX -> PDF), Tesseract + Poppler (OCR),
# Chromium (browser tests), PostgreSQL (scale-out store tests), Redis (the Celery broker of the
# scale-out tests). Installed only when running
# as root and missing; otherwise the missing ones are listed with the command to install them.
SYSTEM_PACKAGES := libreoffice-writer-nogui tesseract-ocr tesseract-ocr-eng poppler-utils chromium postgresql redis-server
system-deps:
	@missing=""; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr tesseract-ocr-eng"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -z "$$missing" ]; then echo "system packages: all present"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "WARNING: missing Debian packages:$$missing -- run: sudo apt-get install$$missing"; fi

# torch is pinned and installed first so pip takes the CPU build, not several GB of CUDA packages.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

bench: setup-test
	$(BIN)/python bench/run_all.py

clean-demo:
	rm -rf auditpack-data demo-output
