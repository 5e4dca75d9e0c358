-- Data-quality findings for operators: a site gone quiet, pages that mostly fail extraction,
-- a day with no events where the baseline expects some. Emailed once each.

CREATE TABLE rasd.quality_findings (
    finding_id  bigserial PRIMARY KEY,
    day         date NOT NULL,                 -- the run's day
    check_name  text NOT NULL CHECK (check_name IN ('site_quiet', 'extraction_failing',
                                                    'no_events')),
    subject     text NOT NULL,                 -- the site id, or 'SY'
    detail      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text,
    UNIQUE (day, check_name, subject)
);
