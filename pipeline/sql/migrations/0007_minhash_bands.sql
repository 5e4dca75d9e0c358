-- Near-duplicate candidates by locality-sensitive hashing, so that linking copies costs the
-- same per article however many articles a day holds: the 64 MinHash values in 16 bands of 4,
-- each band hashed to one number. Two signatures that agree on 52 of 64 positions (similarity
-- 0.8, pipeline/dedup.py) differ in at most 12 bands, so they share at least 4: looking only at
-- articles that share a band loses no pair at or above the threshold.

CREATE FUNCTION rasd.minhash_bands(minhash bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT hashtextextended(array_to_string(minhash[b * 4 + 1:b * 4 + 4], ','), b)
                 FROM generate_series(0, 15) AS b ORDER BY b)
$$;

ALTER TABLE rasd.articles
    ADD COLUMN minhash_bands bigint[] GENERATED ALWAYS AS (rasd.minhash_bands(minhash)) STORED;

-- Only first copies are compared with (a copy's own copies join its group through them).
-- No pending list: each article is looked up right after the one before it was written, and
-- a lookup reads the whole pending list, so with one a day's lookups grew with its size.
CREATE INDEX articles_minhash_bands_idx ON rasd.articles USING gin (minhash_bands)
    WITH (fastupdate = off)
    WHERE duplicate_of IS NULL;

-- The index of 0003 also answers "duplicate_of IS NULL", and before a day's statistics exist
-- the planner would take it over the bands, scanning every first copy of the window for each
-- article; its own queries only look for non-null links.
DROP INDEX rasd.articles_duplicate_of_idx;
CREATE INDEX articles_duplicate_of_idx ON rasd.articles (duplicate_of)
    WHERE duplicate_of IS NOT NULL;
