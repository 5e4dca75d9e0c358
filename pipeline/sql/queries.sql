-- Named queries: each starts at a '-- name: <name>' line. Parameters are psycopg2's.

-- name: upsert_source
INSERT INTO rasd.sources (source_id, name, domain, base_url)
VALUES (%(source_id)s, %(name)s, %(domain)s, %(base_url)s)
ON CONFLICT (source_id) DO UPDATE
SET name = EXCLUDED.name, domain = EXCLUDED.domain, base_url = EXCLUDED.base_url,
    updated_at = now();

-- name: pages_to_extract
-- Stored pages with no article yet, or whose body changed since extraction.
SELECT p.page_id, p.source_id, p.url, p.raw_html, p.encoding, p.content_hash
FROM rasd.pages p
LEFT JOIN rasd.articles a ON a.page_id = p.page_id
WHERE p.raw_html IS NOT NULL AND p.extract_error IS NULL
  AND (a.article_id IS NULL OR a.content_hash <> p.content_hash)
ORDER BY p.page_id;

-- name: mark_page_failed
UPDATE rasd.pages SET extract_error = %(reason)s WHERE page_id = %(page_id)s;

-- name: upsert_article
INSERT INTO rasd.articles (page_id, source_id, url, content_hash, title, published_at,
                           clean_text, normalized_text, language)
VALUES (%(page_id)s, %(source_id)s, %(url)s, %(content_hash)s, %(title)s, %(published_at)s,
        %(clean_text)s, %(normalized_text)s, %(language)s)
ON CONFLICT (page_id) DO UPDATE
SET url = EXCLUDED.url, content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
    published_at = EXCLUDED.published_at, clean_text = EXCLUDED.clean_text,
    normalized_text = EXCLUDED.normalized_text, language = EXCLUDED.language,
    extracted_at = now()
RETURNING article_id;

-- name: articles_published_on
-- Arabic articles published on a day, in Damascus time.
SELECT article_id, url, title, published_at, clean_text
FROM rasd.articles
WHERE language = 'ar' AND duplicate_of IS NULL
  AND (published_at AT TIME ZONE 'Asia/Damascus')::date = %(day)s
ORDER BY article_id;

-- name: delete_article_events
DELETE FROM rasd.events WHERE article_id = %(article_id)s;

-- name: delete_article_tallies
DELETE FROM rasd.tallies WHERE article_id = %(article_id)s;

-- name: insert_event
INSERT INTO rasd.events (event_id, article_id, ordinal, type, perpetrator, target, governorate,
                         place, event_date, date_precision, killed, wounded, evidence,
                         extractor_version)
VALUES (%(event_id)s, %(article_id)s, %(ordinal)s, %(type)s, %(perpetrator)s, %(target)s,
        %(governorate)s, %(place)s, %(date)s, %(date_precision)s, %(killed)s, %(wounded)s,
        %(evidence)s, %(extractor_version)s);

-- name: insert_tally
INSERT INTO rasd.tallies (article_id, ordinal, period, perpetrator, target, governorate,
                          killed, wounded, evidence)
VALUES (%(article_id)s, %(ordinal)s, %(period)s, %(perpetrator)s, %(target)s, %(governorate)s,
        %(killed)s, %(wounded)s, %(evidence)s);

-- name: delete_trends
DELETE FROM rasd.daily_trends WHERE day BETWEEN %(first)s AND %(last)s;

-- name: insert_trends
-- Incidents, not reports: one attack told by five outlets counts once. An incident's day is
-- its date when known to the day, else the day it was first reported (Damascus time);
-- incidents dated only to a month or a year are left out (they would pile onto one day).
INSERT INTO rasd.daily_trends (day, governorate, perpetrator, target, events, killed, wounded,
                               sources)
SELECT d.day, COALESCE(i.governorate, 'unknown'), i.perpetrator, COALESCE(i.target, 'unknown'),
       count(*), COALESCE(sum(i.killed), 0), COALESCE(sum(i.wounded), 0),
       (SELECT count(DISTINCT a.source_id) FROM rasd.events e
        JOIN rasd.articles a ON a.article_id = e.article_id
        WHERE e.incident_id = ANY(array_agg(i.incident_id)))
FROM rasd.incidents i
CROSS JOIN LATERAL (SELECT CASE WHEN i.date_precision = 'day' THEN i.event_date
                               WHEN i.event_date IS NULL
                               THEN (i.first_reported_at AT TIME ZONE 'Asia/Damascus')::date
                          END AS day) d
WHERE d.day BETWEEN %(first)s AND %(last)s
GROUP BY 1, 2, 3, 4;

-- name: daily_series
-- Events and killed per day for one scope ('SY' = all Syria), zeros filled.
SELECT g.day::date AS day,
       COALESCE(sum(t.events), 0)::int AS events,
       COALESCE(sum(t.killed), 0)::int AS killed
FROM generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS g(day)
LEFT JOIN rasd.daily_trends t
       ON t.day = g.day AND (%(scope)s = 'SY' OR t.governorate = %(scope)s)
GROUP BY g.day
ORDER BY g.day;

-- name: governorates_on
SELECT DISTINCT governorate FROM rasd.daily_trends
WHERE day = %(day)s AND governorate <> 'unknown' ORDER BY governorate;

-- name: insert_alert
INSERT INTO rasd.alerts (day, scope, metric, observed, expected, threshold, method)
VALUES (%(day)s, %(scope)s, %(metric)s, %(observed)s, %(expected)s, %(threshold)s, %(method)s)
ON CONFLICT (day, scope, metric) DO NOTHING
RETURNING alert_id;

-- name: unsent_alerts
-- Locked, so two runs at once cannot both send one alert.
SELECT alert_id, day, scope, metric, observed, expected, threshold, method, attempts
FROM rasd.alerts
WHERE sent_at IS NULL
ORDER BY day, scope, metric
FOR UPDATE SKIP LOCKED;

-- name: incidents_for_alert
-- The incidents behind a day's alerts, in any alerted scope ('SY' = all), one row per report
-- (its evidence and article). An incident's day is reckoned as insert_trends does.
SELECT i.incident_id, i.type, i.perpetrator, i.target, i.governorate, i.place, i.event_date,
       i.killed, i.killed_min, i.killed_max, i.wounded, i.wounded_min, i.wounded_max,
       e.evidence, a.url, a.title, s.name AS source_name
FROM rasd.incidents i
JOIN rasd.events e ON e.incident_id = i.incident_id
JOIN rasd.articles a ON a.article_id = e.article_id
JOIN rasd.sources s ON s.source_id = a.source_id
WHERE CASE WHEN i.date_precision = 'day' THEN i.event_date
           WHEN i.event_date IS NULL
           THEN (i.first_reported_at AT TIME ZONE 'Asia/Damascus')::date END = %(day)s
  AND ('SY' = ANY(%(scopes)s::text[]) OR i.governorate = ANY(%(scopes)s::text[]))
ORDER BY i.governorate NULLS LAST, i.incident_id, a.published_at, e.event_id;

-- name: alerts_in_range
-- One scope's and metric's alerts over a period: the spike days of the alert email's chart.
SELECT day, observed, expected, threshold FROM rasd.alerts
WHERE scope = %(scope)s AND metric = %(metric)s AND day BETWEEN %(first)s AND %(last)s
ORDER BY day;

-- name: counts_by_governorate
SELECT governorate, sum(events)::int AS events, sum(killed)::int AS killed,
       sum(wounded)::int AS wounded
FROM rasd.daily_trends WHERE day = %(day)s
GROUP BY governorate ORDER BY sum(events) DESC, governorate;

-- name: mark_alert_sent
UPDATE rasd.alerts SET sent_at = now(), attempts = attempts + 1, last_error = NULL
WHERE alert_id = ANY(%(ids)s);

-- name: mark_alert_failed
UPDATE rasd.alerts SET attempts = attempts + 1, last_error = %(error)s
WHERE alert_id = ANY(%(ids)s);

-- name: published_days
SELECT DISTINCT (published_at AT TIME ZONE 'Asia/Damascus')::date AS day
FROM rasd.articles WHERE published_at IS NOT NULL ORDER BY 1;

-- name: demo_events
SELECT COALESCE(e.event_date, (a.published_at AT TIME ZONE 'Asia/Damascus')::date) AS day,
       e.governorate, e.type, e.perpetrator, e.killed, e.wounded
FROM rasd.events e JOIN rasd.articles a ON a.article_id = e.article_id
WHERE a.duplicate_of IS NULL
ORDER BY 1, e.event_id;

-- name: demo_counts
SELECT (SELECT count(*) FROM rasd.articles)::int AS articles,
       (SELECT count(*) FROM rasd.alerts)::int AS alerts;

-- name: known_pages
-- What a crawl already holds for a site: the validators for conditional requests.
SELECT url, etag, last_modified, content_hash, fetched_at
FROM rasd.pages
WHERE source_id = %(source_id)s AND raw_html IS NOT NULL;

-- name: start_crawl_run
INSERT INTO rasd.crawl_runs (source_id, window_start, window_end)
VALUES (%(source_id)s, %(window_start)s, %(window_end)s)
RETURNING run_id;

-- name: set_discovered
UPDATE rasd.crawl_runs SET discovered = %(discovered)s WHERE run_id = %(run_id)s;

-- name: insert_fetch
INSERT INTO rasd.fetches (run_id, source_id, kind, requested_url, url, http_status, outcome,
                          reason, bytes)
VALUES (%(run_id)s, %(source_id)s, %(kind)s, %(requested_url)s, %(url)s, %(http_status)s,
        %(outcome)s, %(reason)s, %(bytes)s);

-- name: store_page
-- Returns the hash the page had before, so the caller can tell new, changed and unchanged.
WITH previous AS (SELECT content_hash FROM rasd.pages WHERE url = %(url)s)
INSERT INTO rasd.pages (source_id, url, canonical_url, http_status, raw_html, encoding,
                        content_hash, fetched_at, failure_reason, etag, last_modified,
                        first_fetched_at)
VALUES (%(source_id)s, %(url)s, %(canonical_url)s, %(http_status)s, %(raw_html)s, %(encoding)s,
        %(content_hash)s, %(fetched_at)s, NULL, %(etag)s, %(last_modified)s, %(fetched_at)s)
ON CONFLICT (url) DO UPDATE
SET canonical_url = EXCLUDED.canonical_url, http_status = EXCLUDED.http_status,
    raw_html = EXCLUDED.raw_html, encoding = EXCLUDED.encoding,
    content_hash = EXCLUDED.content_hash, fetched_at = EXCLUDED.fetched_at,
    failure_reason = NULL, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
    extract_error = CASE WHEN rasd.pages.content_hash = EXCLUDED.content_hash
                         THEN rasd.pages.extract_error END
RETURNING (SELECT content_hash FROM previous) AS previous_hash;

-- name: touch_page
-- A 304 or the same body again: the page is current as of now.
UPDATE rasd.pages SET fetched_at = %(fetched_at)s WHERE url = %(url)s;

-- name: record_page_failure
-- A URL that never gave a body gets a row with the reason; a stored page keeps its body.
INSERT INTO rasd.pages (source_id, url, http_status, fetched_at, failure_reason,
                        first_fetched_at)
VALUES (%(source_id)s, %(url)s, %(http_status)s, %(fetched_at)s, %(reason)s, %(fetched_at)s)
ON CONFLICT (url) DO UPDATE
SET http_status = EXCLUDED.http_status, fetched_at = EXCLUDED.fetched_at,
    failure_reason = EXCLUDED.failure_reason
WHERE rasd.pages.raw_html IS NULL;

-- name: finish_crawl_run
UPDATE rasd.crawl_runs r
SET finished_at = now(), status = %(status)s, error = %(error)s,
    fetched = f.fetched, new = f.new, changed = f.changed, unchanged = f.unchanged,
    skipped = f.skipped, failed = f.failed, failures = f.failures,
    duration_seconds = extract(epoch FROM now() - r.started_at)
FROM (
    SELECT count(*) FILTER (WHERE kind = 'article' AND http_status IS NOT NULL) AS fetched,
           count(*) FILTER (WHERE outcome = 'new') AS new,
           count(*) FILTER (WHERE outcome = 'changed') AS changed,
           count(*) FILTER (WHERE outcome = 'unchanged') AS unchanged,
           count(*) FILTER (WHERE outcome = 'skipped') AS skipped,
           count(*) FILTER (WHERE outcome = 'failed') AS failed,
           COALESCE((SELECT jsonb_object_agg(reason, n) FROM (
                        SELECT reason, count(*) AS n FROM rasd.fetches
                        WHERE run_id = %(run_id)s AND outcome = 'failed'
                        GROUP BY reason) x), '{}'::jsonb) AS failures
    FROM rasd.fetches WHERE run_id = %(run_id)s
) f
WHERE r.run_id = %(run_id)s
RETURNING r.run_id, r.source_id, r.status, r.discovered, r.fetched, r.new, r.changed,
          r.unchanged, r.skipped, r.failed, r.failures, r.duration_seconds;

-- name: known_redirects
-- Article URLs that last redirected to another URL: a crawl asks the target directly.
SELECT DISTINCT ON (requested_url) requested_url, url
FROM rasd.fetches
WHERE source_id = %(source_id)s AND kind = 'article' AND outcome <> 'failed'
  AND url IS NOT NULL AND url <> requested_url
ORDER BY requested_url, fetched_at DESC;

-- name: store_minhash
UPDATE rasd.articles SET minhash = %(minhash)s WHERE article_id = %(article_id)s;

-- name: duplicate_candidates
-- Other URLs' first copies published within three days that share at least 4 MinHash bands
-- with the article (0007_minhash_bands.sql: a pair at similarity 0.8 shares at least 4): where
-- a copy of its story would be. The window is written so that no index but the bands' can
-- serve it: a day's new articles have no statistics yet, and the published_at index would then
-- look cheaper while scanning the whole window.
SELECT article_id, published_at, minhash, duplicate_of
FROM rasd.articles
WHERE duplicate_of IS NULL AND article_id <> %(article_id)s AND url <> %(url)s
  AND minhash_bands && (SELECT minhash_bands FROM rasd.articles
                        WHERE article_id = %(article_id)s)
  AND (SELECT count(*) FROM unnest(minhash_bands) AS band
       WHERE band = ANY((SELECT minhash_bands FROM rasd.articles
                         WHERE article_id = %(article_id)s)::bigint[])) >= 4
  AND abs(extract(epoch FROM published_at - %(published_at)s::timestamptz)) <= 3 * 86400;

-- name: link_duplicates
-- Every copy in the group, and whatever pointed at one, now points at the first copy.
UPDATE rasd.articles
SET duplicate_of = %(canonical)s,
    similarity = COALESCE(%(similarity)s, similarity)
WHERE (article_id = ANY(%(members)s) OR duplicate_of = ANY(%(members)s))
  AND article_id <> %(canonical)s
  AND duplicate_of IS DISTINCT FROM %(canonical)s;  -- copies already linked stay untouched

-- name: clear_duplicate
UPDATE rasd.articles SET duplicate_of = NULL, similarity = NULL
WHERE article_id = %(canonical)s AND duplicate_of IS NOT NULL;  -- mostly it leads already

-- name: last_publication_by_site
-- The newest article each enabled site had published by the end of a day (Damascus time).
SELECT s.source_id, max(a.published_at) AS last_published
FROM unnest(%(sites)s::text[]) AS s(source_id)
LEFT JOIN rasd.articles a ON a.source_id = s.source_id
     AND (a.published_at AT TIME ZONE 'Asia/Damascus')::date <= %(day)s
GROUP BY s.source_id
ORDER BY s.source_id;

-- name: extraction_failure_share
-- Per site, of the pages stored in the last week of fetching: how many gave no article.
SELECT source_id, count(*) AS pages, count(*) FILTER (WHERE extract_error IS NOT NULL) AS failed
FROM rasd.pages
WHERE raw_html IS NOT NULL AND first_fetched_at >= now() - interval '7 days'
GROUP BY source_id;

-- name: insert_finding
INSERT INTO rasd.quality_findings (day, check_name, subject, detail)
VALUES (%(day)s, %(check_name)s, %(subject)s, %(detail)s)
ON CONFLICT (day, check_name, subject) DO NOTHING
RETURNING finding_id;

-- name: unsent_findings
SELECT finding_id, day, check_name, subject, detail FROM rasd.quality_findings
WHERE sent_at IS NULL ORDER BY day, check_name, subject
FOR UPDATE SKIP LOCKED;

-- name: mark_findings_sent
UPDATE rasd.quality_findings SET sent_at = now(), attempts = attempts + 1, last_error = NULL
WHERE finding_id = ANY(%(ids)s);

-- name: mark_findings_failed
UPDATE rasd.quality_findings SET attempts = attempts + 1, last_error = %(error)s
WHERE finding_id = ANY(%(ids)s);

-- name: recent_findings
SELECT DISTINCT check_name, subject FROM rasd.quality_findings
WHERE day BETWEEN %(first)s AND %(last)s;

-- name: merge_window_reports
-- Events of the articles published in the window (Damascus days), with what merging needs.
SELECT e.event_id, e.type, e.perpetrator, e.target, e.governorate, e.place, e.event_date,
       e.date_precision, e.killed, e.wounded, e.evidence, e.incident_id, e.article_id, a.source_id,
       (a.published_at AT TIME ZONE 'Asia/Damascus')::date AS published,
       (a.published_at AT TIME ZONE 'Asia/Damascus')::date BETWEEN %(first)s AND %(last)s
           AS in_window
FROM rasd.events e
JOIN rasd.articles a ON a.article_id = e.article_id AND a.duplicate_of IS NULL
WHERE (a.published_at AT TIME ZONE 'Asia/Damascus')::date BETWEEN %(first)s AND %(last)s
   OR e.incident_id IN (
        SELECT e2.incident_id FROM rasd.events e2
        JOIN rasd.articles a2 ON a2.article_id = e2.article_id
        WHERE (a2.published_at AT TIME ZONE 'Asia/Damascus')::date
              BETWEEN %(seed_first)s AND %(seed_last)s
          AND e2.incident_id IS NOT NULL)
ORDER BY published NULLS LAST, e.event_id;

-- name: upsert_incident
-- Unchanged values are not rewritten: a rerun changes no row.
INSERT INTO rasd.incidents (incident_id, type, perpetrator, target, governorate, place,
                            event_date, date_precision, killed, killed_min, killed_max,
                            wounded, wounded_min, wounded_max, reports, sources,
                            first_reported_at)
SELECT %(incident_id)s, %(type)s, %(perpetrator)s, %(target)s, %(governorate)s, %(place)s,
       %(date)s, %(date_precision)s, %(killed)s, %(killed_min)s, %(killed_max)s,
       %(wounded)s, %(wounded_min)s, %(wounded_max)s, %(reports)s, %(sources)s,
       (SELECT min(a.published_at) FROM rasd.events e
        JOIN rasd.articles a ON a.article_id = e.article_id
        WHERE e.event_id = ANY(%(event_ids)s))
ON CONFLICT (incident_id) DO UPDATE SET
    type = EXCLUDED.type, perpetrator = EXCLUDED.perpetrator, target = EXCLUDED.target,
    governorate = EXCLUDED.governorate, place = EXCLUDED.place,
    event_date = EXCLUDED.event_date, date_precision = EXCLUDED.date_precision,
    killed = EXCLUDED.killed, killed_min = EXCLUDED.killed_min,
    killed_max = EXCLUDED.killed_max, wounded = EXCLUDED.wounded,
    wounded_min = EXCLUDED.wounded_min, wounded_max = EXCLUDED.wounded_max,
    reports = EXCLUDED.reports, sources = EXCLUDED.sources,
    first_reported_at = EXCLUDED.first_reported_at
WHERE (rasd.incidents.*) IS DISTINCT FROM (EXCLUDED.*);

-- name: link_incident_events
UPDATE rasd.events SET incident_id = %(incident_id)s
WHERE event_id = ANY(%(event_ids)s) AND incident_id IS DISTINCT FROM %(incident_id)s;

-- name: delete_empty_incidents
DELETE FROM rasd.incidents i
WHERE NOT EXISTS (SELECT 1 FROM rasd.events e WHERE e.incident_id = i.incident_id);

-- name: mark_interrupted_runs
-- A site's runs left 'running' by a crawl whose process died (the caller holds the site's
-- crawl lock, so none of them is alive): failed, ended at their last fetch.
UPDATE rasd.crawl_runs r
SET status = 'failed', error = %(error)s,
    finished_at = COALESCE((SELECT max(f.fetched_at) FROM rasd.fetches f
                            WHERE f.run_id = r.run_id), r.started_at)
WHERE r.source_id = %(source_id)s AND r.status = 'running'
RETURNING r.run_id;
