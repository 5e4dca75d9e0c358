-- What downstream consumers read: views with stable names and columns, a read-only role,
-- and indexes for the views' common filters (date range, governorate, actor).

CREATE VIEW rasd.v_events AS
SELECT e.event_id, e.type, e.perpetrator, e.target, e.governorate, e.place,
       COALESCE(e.event_date, (a.published_at AT TIME ZONE 'Asia/Damascus')::date) AS day,
       e.event_date, e.date_precision, e.killed, e.wounded, e.evidence,
       a.article_id, a.url AS article_url, a.title AS article_title,
       a.published_at, a.source_id, s.name AS source_name, e.extractor_version
FROM rasd.events e
JOIN rasd.articles a ON a.article_id = e.article_id
JOIN rasd.sources s ON s.source_id = a.source_id
WHERE a.duplicate_of IS NULL;

CREATE VIEW rasd.v_daily_trends AS
SELECT day, governorate, perpetrator, target, events, killed, wounded, sources, computed_at
FROM rasd.daily_trends;

CREATE VIEW rasd.v_daily_totals AS
SELECT day, sum(events)::int AS events, sum(killed)::int AS killed,
       sum(wounded)::int AS wounded
FROM rasd.daily_trends GROUP BY day;

CREATE VIEW rasd.v_alerts AS
SELECT alert_id, day, scope, metric, observed, expected, threshold, method, created_at,
       sent_at
FROM rasd.alerts;

CREATE VIEW rasd.v_tallies AS
SELECT t.article_id, t.ordinal, t.period, t.perpetrator, t.target, t.governorate, t.killed,
       t.wounded, t.evidence, a.url AS article_url, a.source_id
FROM rasd.tallies t JOIN rasd.articles a ON a.article_id = t.article_id
WHERE a.duplicate_of IS NULL;

CREATE INDEX events_governorate_date_idx ON rasd.events (governorate, event_date);
CREATE INDEX events_perpetrator_idx ON rasd.events (perpetrator, event_date);
CREATE INDEX events_target_idx ON rasd.events (target, event_date);
CREATE INDEX daily_trends_governorate_idx ON rasd.daily_trends (governorate, day);
CREATE INDEX daily_trends_perpetrator_idx ON rasd.daily_trends (perpetrator, day);
CREATE INDEX alerts_day_idx ON rasd.alerts (day);

-- The role is cluster-wide: made once, by a user allowed to (elsewhere left to the DBA).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rasd_reader') THEN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            CREATE ROLE rasd_reader LOGIN;
        ELSE
            RAISE NOTICE 'role rasd_reader not created: % may not create roles', current_user;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rasd_reader') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO rasd_reader', current_database());
        GRANT USAGE ON SCHEMA rasd TO rasd_reader;
        GRANT SELECT ON rasd.v_events, rasd.v_daily_trends, rasd.v_daily_totals,
                        rasd.v_alerts, rasd.v_tallies TO rasd_reader;
    END IF;
END
$$;
