-- Event day: when a reserve (waitlisted) moved up to a seat, so the
-- coordinator can list who moved up and write to them.
ALTER TABLE registrations ADD COLUMN promoted_at TEXT NOT NULL DEFAULT '';
