-- Crawls as operators see them: one row per site and run, and one row per fetch.

CREATE TABLE rasd.crawl_runs (
    run_id            bigserial PRIMARY KEY,
    source_id         text NOT NULL REFERENCES rasd.sources (source_id),
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    window_start      timestamptz,             -- articles published before this are not new
    window_end        timestamptz,             -- ... nor after this (NULL: no window)
    status            text NOT NULL DEFAULT 'running'
                      CHECK (status IN ('running', 'finished', 'failed')),
    error             text,                    -- why the run failed, when it did
    discovered        integer,                 -- article URLs found in feeds, sitemaps, listings
    fetched           integer,                 -- article requests answered (any status)
    new               integer,                 -- pages stored for the first time
    changed           integer,                 -- stored pages whose body changed
    unchanged         integer,                 -- 304, or the same body again
    skipped           integer,                 -- not requested: outside the window, unchanged lastmod
    failed            integer,
    failures          jsonb,                   -- reason -> count
    duration_seconds  double precision
);
CREATE INDEX crawl_runs_source_idx ON rasd.crawl_runs (source_id, started_at);

CREATE TABLE rasd.fetches (
    fetch_id       bigserial PRIMARY KEY,
    run_id         bigint REFERENCES rasd.crawl_runs (run_id) ON DELETE CASCADE,
    source_id      text NOT NULL REFERENCES rasd.sources (source_id),
    kind           text NOT NULL CHECK (kind IN ('article', 'feed', 'sitemap', 'listing')),
    requested_url  text NOT NULL,              -- as discovered (tracking parameters removed)
    url            text,                       -- after redirects
    http_status    integer,
    outcome        text NOT NULL CHECK (outcome IN ('new', 'changed', 'unchanged', 'skipped',
                                                    'failed', 'discovery')),
    reason         text,                       -- for failed and skipped fetches
    bytes          integer,
    fetched_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fetches_run_idx ON rasd.fetches (run_id);

-- Validators for conditional requests, and the publication time the page's metadata gives.
ALTER TABLE rasd.pages ADD COLUMN etag text;
ALTER TABLE rasd.pages ADD COLUMN last_modified text;
ALTER TABLE rasd.pages ADD COLUMN first_fetched_at timestamptz;
UPDATE rasd.pages SET first_fetched_at = fetched_at;

-- Why a stored page gave no article (kept apart from fetch failures; cleared on a new body).
ALTER TABLE rasd.pages ADD COLUMN extract_error text;
