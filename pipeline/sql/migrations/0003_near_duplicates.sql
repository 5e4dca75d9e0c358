-- Near-duplicate articles (one story syndicated across outlets, or under two URLs): each is
-- linked to the first published copy, and counts downstream take only that one.

ALTER TABLE rasd.articles ADD COLUMN minhash bigint[];          -- MinHash of word 5-grams
ALTER TABLE rasd.articles ADD COLUMN duplicate_of bigint
    REFERENCES rasd.articles (article_id) ON DELETE SET NULL;   -- the first published copy
ALTER TABLE rasd.articles ADD COLUMN similarity real;           -- estimated Jaccard with it
CREATE INDEX articles_duplicate_of_idx ON rasd.articles (duplicate_of);
