-- One event, many reports: incidents are the canonical events that merging makes of the
-- extracted events (one per article report). Trends count incidents, not reports.

CREATE TABLE rasd.incidents (
    incident_id        text PRIMARY KEY,         -- stable: derived from its earliest report's event_id
    type               text NOT NULL,            -- the most specific type its reports give
    perpetrator        text NOT NULL,            -- the actor most reports name, else 'unknown'
    target             text,
    governorate        text CHECK (governorate ~ '^SY-[A-Z]{2}$'),
    place              text,                     -- the village or town most reports name
    event_date         date,
    date_precision     text CHECK (date_precision IN ('day', 'month', 'year')),
    killed             integer CHECK (killed >= 0),   -- value used: the smallest stated figure
    killed_min         integer,
    killed_max         integer,
    wounded            integer CHECK (wounded >= 0),  -- value used: the smallest stated figure
    wounded_min        integer,
    wounded_max        integer,
    reports            integer NOT NULL,         -- events (article reports) merged into it
    sources            integer NOT NULL,         -- distinct outlets among them
    first_reported_at  timestamptz               -- the earliest report's publication time
);
CREATE INDEX incidents_governorate_date_idx ON rasd.incidents (governorate, event_date);
CREATE INDEX incidents_first_reported_idx ON rasd.incidents (first_reported_at);

ALTER TABLE rasd.events
    ADD COLUMN incident_id text REFERENCES rasd.incidents (incident_id) ON DELETE SET NULL;
CREATE INDEX events_incident_idx ON rasd.events (incident_id);

CREATE VIEW rasd.v_incidents AS
SELECT i.incident_id, i.type, i.perpetrator, i.target, i.governorate, i.place,
       i.event_date, i.date_precision, i.killed, i.killed_min, i.killed_max,
       i.wounded, i.wounded_min, i.wounded_max, i.reports, i.sources, i.first_reported_at
FROM rasd.incidents i;

CREATE VIEW rasd.v_incident_reports AS
SELECT e.incident_id, e.event_id, a.source_id, a.url AS article_url, a.title AS article_title,
       a.published_at, e.killed, e.wounded, e.evidence
FROM rasd.events e
JOIN rasd.articles a ON a.article_id = e.article_id
WHERE e.incident_id IS NOT NULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rasd_reader') THEN
        GRANT SELECT ON rasd.v_incidents, rasd.v_incident_reports TO rasd_reader;
    END IF;
END
$$;
