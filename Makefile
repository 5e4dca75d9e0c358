# The two commands of the README's quick start, and a few for developers.
.PHONY: demo test lint install

demo:
	@scripts/bootstrap
	@.venv/bin/rasd demo

test:
	@scripts/bootstrap --with-compose --with-chromium
	@.venv/bin/ruff check .
	@.venv/bin/pytest -q

lint:
	@.venv/bin/ruff check .

install:
	@scripts/bootstrap
