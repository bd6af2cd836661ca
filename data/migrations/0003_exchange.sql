-- Techniqual schema, version 3: exchange without silent loss (issue #15).
-- Every laptop gets an id of its own, and every exchanged field its version
-- vector: per laptop id, how many edits of that field this laptop has seen
-- (package data/exchange explains the protocol). The vectors replace the
-- old "xbase/…" snapshots in meta, which were recorded when a file was sent
-- rather than when the other side had taken it; those are dropped.

CREATE TABLE exchange_versions (
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    state      TEXT NOT NULL, -- JSON: field → {"v": value, "vv": {laptop: counter}}
    PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO meta (key, value) VALUES ('laptop_id', lower(hex(randomblob(8))));
DELETE FROM meta WHERE key LIKE 'xbase/%';
