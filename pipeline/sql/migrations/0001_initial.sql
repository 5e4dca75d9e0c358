-- Rasd's first schema: sources, pages, articles, events, tallies, daily trends, alerts.
-- Forward only: later changes go in new numbered files, never edits to this one.

CREATE TABLE rasd.sources (
    source_id   text PRIMARY KEY,              -- outlet id, as the site file is named
    name        text NOT NULL,
    domain      text NOT NULL,
    base_url    text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rasd.pages (
    page_id         bigserial PRIMARY KEY,
    source_id       text NOT NULL REFERENCES rasd.sources (source_id),
    url             text NOT NULL UNIQUE,
    canonical_url   text,
    http_status     integer,
    raw_html        bytea,                     -- the body as served, undecoded
    encoding        text,                      -- the encoding the crawler detected
    content_hash    text,                      -- sha256 of raw_html
    fetched_at      timestamptz NOT NULL,
    failure_reason  text,                      -- NULL when the page was stored
    CHECK ((failure_reason IS NULL) = (raw_html IS NOT NULL))
);
CREATE INDEX pages_fetched_at_idx ON rasd.pages (fetched_at);

CREATE TABLE rasd.articles (
    article_id       bigserial PRIMARY KEY,
    page_id          bigint NOT NULL UNIQUE REFERENCES rasd.pages (page_id) ON DELETE CASCADE,
    source_id        text NOT NULL REFERENCES rasd.sources (source_id),
    url              text NOT NULL,
    content_hash     text NOT NULL,            -- of the page version this was extracted from
    title            text,
    published_at     timestamptz,
    clean_text       text NOT NULL,            -- for display and evidence
    normalized_text  text NOT NULL,            -- for matching
    language         text,
    extracted_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published_at_idx ON rasd.articles (published_at);

CREATE TABLE rasd.events (
    event_id          text PRIMARY KEY,        -- stable: derived from the article URL and ordinal
    article_id        bigint NOT NULL REFERENCES rasd.articles (article_id) ON DELETE CASCADE,
    ordinal           integer NOT NULL,
    type              text NOT NULL CHECK (type IN ('armed_attack', 'ambush', 'ied',
                          'suicide_attack', 'assassination', 'shelling', 'airstrike',
                          'drone_strike', 'landmine', 'clash')),
    perpetrator       text NOT NULL CHECK (perpetrator IN ('isis', 'unknown', 'government',
                          'pro_government_militia', 'russia', 'iran_backed', 'sdf', 'turkey',
                          'sna', 'hts', 'coalition', 'israel', 'other')),
    target            text CHECK (target IN ('government_forces', 'pro_government_militia',
                          'sdf', 'civilians', 'isis', 'russia', 'iran_backed', 'turkey', 'sna',
                          'hts', 'coalition', 'other')),
    governorate       text CHECK (governorate ~ '^SY-[A-Z]{2}$'),
    place             text,
    event_date        date,
    date_precision    text CHECK (date_precision IN ('day', 'month', 'year')),
    killed            integer CHECK (killed >= 0),
    wounded           integer CHECK (wounded >= 0),
    evidence          text NOT NULL,
    extractor_version text NOT NULL,
    UNIQUE (article_id, ordinal)
);
CREATE INDEX events_event_date_idx ON rasd.events (event_date);

CREATE TABLE rasd.tallies (
    article_id   bigint NOT NULL REFERENCES rasd.articles (article_id) ON DELETE CASCADE,
    ordinal      integer NOT NULL,
    period       text NOT NULL,                -- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    perpetrator  text,
    target       text,
    governorate  text,
    killed       integer,
    wounded      integer,
    evidence     text NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE rasd.daily_trends (
    day          date NOT NULL,
    governorate  text NOT NULL,                -- ISO code, or 'unknown'
    perpetrator  text NOT NULL,
    target       text NOT NULL,                -- actor id, or 'unknown'
    events       integer NOT NULL,
    killed       integer NOT NULL,             -- sum of stated counts; NULL counts add nothing
    wounded      integer NOT NULL,
    sources      integer NOT NULL,             -- distinct outlets reporting
    computed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, governorate, perpetrator, target)
);

CREATE TABLE rasd.alerts (
    alert_id      bigserial PRIMARY KEY,
    day           date NOT NULL,
    scope         text NOT NULL,               -- 'SY' for all Syria, or a governorate code
    metric        text NOT NULL CHECK (metric IN ('events', 'killed')),
    observed      integer NOT NULL,
    expected      double precision NOT NULL,
    threshold     double precision NOT NULL,
    method        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz,                 -- NULL until the email went out
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text,
    UNIQUE (day, scope, metric)
);
