# The two commands of the README's quick start, and a few for developers.
.PHONY: demo test lint install eval

demo:
	@scripts/bootstrap
	@.venv/bin/rasd demo

test:
	@scripts/bootstrap --with-compose --with-chromium
	@.venv/bin/ruff check .
	@.venv/bin/pytest -q

# Event precision, recall and F1 and each field's accuracy on every gold set, then merging.
eval:
	@scripts/bootstrap
	@.venv/bin/rasd eval
	@.venv/bin/rasd benchmark clusters

lint:
	@.venv/bin/ruff check .

install:
	@scripts/bootstrap
