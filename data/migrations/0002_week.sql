-- Techniqual schema, version 2: the teknikprao week (issue #14).
-- A period gets a format: 'classic' (one pupil at one host) or 'week' (teams
-- of pupils go round a group of hosts, one block, a half day, at each).
-- A week's host takes part through an ordinary offer (so the host form, the
-- approval rules and the exchange files keep working); the offer's
-- offer_days rows are its blocks.

ALTER TABLE periods ADD COLUMN format TEXT NOT NULL DEFAULT 'classic' CHECK (format IN ('classic', 'week'));
ALTER TABLE periods ADD COLUMN team_min INTEGER NOT NULL DEFAULT 4 CHECK (team_min BETWEEN 1 AND 12);
ALTER TABLE periods ADD COLUMN team_max INTEGER NOT NULL DEFAULT 6 CHECK (team_max BETWEEN 1 AND 12);
ALTER TABLE periods ADD COLUMN mix_rule INTEGER NOT NULL DEFAULT 1 CHECK (mix_rule IN (0, 1));
ALTER TABLE periods ADD COLUMN mix_weight INTEGER NOT NULL DEFAULT 5 CHECK (mix_weight BETWEEN 0 AND 1000);
ALTER TABLE periods ADD COLUMN team_mode TEXT NOT NULL DEFAULT 'any' CHECK (team_mode IN ('any', 'class', 'mix_schools'));
ALTER TABLE periods ADD COLUMN friends_together INTEGER NOT NULL DEFAULT 1 CHECK (friends_together IN (0, 1));
ALTER TABLE periods ADD COLUMN travel_minutes INTEGER NOT NULL DEFAULT 30 CHECK (travel_minutes BETWEEN 0 AND 240);
-- The closing session that every pupil of the week attends.
ALTER TABLE periods ADD COLUMN closing_event_id TEXT REFERENCES events (id);

-- offer_days is rebuilt so that a host may have several blocks on one day
-- (UNIQUE by start time, not by date) and say how many teams it takes at
-- once. Ids are kept: teams' routes, attendance and feedback refer to them.
CREATE TABLE offer_days_v2 (
    id            TEXT PRIMARY KEY,
    offer_id      TEXT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    date          TEXT NOT NULL CHECK (date(date) IS date),
    start_time    TEXT NOT NULL CHECK (time(start_time) IS start_time || ':00'),
    end_time      TEXT NOT NULL CHECK (time(end_time) IS end_time || ':00'),
    break_minutes INTEGER NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 600),
    activities    TEXT NOT NULL DEFAULT '',
    teams_max     INTEGER NOT NULL DEFAULT 1 CHECK (teams_max BETWEEN 1 AND 50),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (offer_id, date, start_time)
);
INSERT INTO offer_days_v2 (id, offer_id, date, start_time, end_time, break_minutes, activities, teams_max, created_at, updated_at)
    SELECT id, offer_id, date, start_time, end_time, break_minutes, activities, 1, created_at, updated_at FROM offer_days;
DROP TABLE offer_days;
ALTER TABLE offer_days_v2 RENAME TO offer_days;
CREATE INDEX offer_days_date ON offer_days (date);

-- The role models a team meets in one block, in the host's order (the
-- offer's role models when a block names none).
CREATE TABLE offer_day_role_models (
    offer_day_id TEXT NOT NULL REFERENCES offer_days (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id),
    position     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (offer_day_id, person_id)
) WITHOUT ROWID;

-- Host groups ("ringar"): the hosts (through their offers) that share a week.
CREATE TABLE host_groups (
    id         TEXT PRIMARY KEY,
    period_id  TEXT NOT NULL REFERENCES periods (id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX host_groups_name ON host_groups (period_id, name) WHERE deleted_at IS NULL;

CREATE TABLE host_group_members (
    group_id TEXT NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    offer_id TEXT NOT NULL REFERENCES offers (id),
    PRIMARY KEY (group_id, offer_id)
) WITHOUT ROWID;
CREATE INDEX host_group_members_offer ON host_group_members (offer_id);

-- Teams of a week, their pupils and their route (one block per host).
CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    period_id  TEXT NOT NULL REFERENCES periods (id),
    group_id   TEXT NOT NULL REFERENCES host_groups (id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    locked     INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    why        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX teams_period ON teams (period_id) WHERE deleted_at IS NULL;

CREATE TABLE team_members (
    team_id  TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    pupil_id TEXT NOT NULL REFERENCES pupils (id),
    locked   INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    PRIMARY KEY (team_id, pupil_id)
) WITHOUT ROWID;
CREATE INDEX team_members_pupil ON team_members (pupil_id);

CREATE TABLE team_blocks (
    team_id      TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    offer_day_id TEXT NOT NULL REFERENCES offer_days (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, offer_day_id)
) WITHOUT ROWID;
CREATE INDEX team_blocks_block ON team_blocks (offer_day_id);

-- Pupils of the period's plan who are in no team, with the reason.
CREATE TABLE week_unteamed (
    period_id  TEXT NOT NULL REFERENCES periods (id),
    pupil_id   TEXT NOT NULL REFERENCES pupils (id),
    why        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (period_id, pupil_id)
) WITHOUT ROWID;

-- Pupils may rank host groups (1 = first choice).
CREATE TABLE group_preferences (
    id         TEXT PRIMARY KEY,
    pupil_id   TEXT NOT NULL REFERENCES pupils (id),
    period_id  TEXT NOT NULL REFERENCES periods (id),
    group_id   TEXT NOT NULL REFERENCES host_groups (id),
    rank       INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (pupil_id, period_id, rank),
    UNIQUE (pupil_id, group_id)
);
CREATE INDEX group_preferences_period ON group_preferences (period_id);

-- Attendance per pupil and block.
CREATE TABLE block_attendance (
    id           TEXT PRIMARY KEY,
    pupil_id     TEXT NOT NULL REFERENCES pupils (id),
    offer_day_id TEXT NOT NULL REFERENCES offer_days (id),
    status       TEXT NOT NULL CHECK (status IN ('present', 'sick', 'absent')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (pupil_id, offer_day_id)
);
CREATE INDEX block_attendance_block ON block_attendance (offer_day_id);

-- Pupils' feedback per block: four 1–5 questions (0 = unanswered) and a
-- comment. pupil_id is empty for anonymous answers (paper, form tools).
CREATE TABLE block_feedback (
    id           TEXT PRIMARY KEY,
    pupil_id     TEXT REFERENCES pupils (id),
    offer_day_id TEXT NOT NULL REFERENCES offer_days (id),
    team_id      TEXT REFERENCES teams (id),
    q_fun        INTEGER NOT NULL DEFAULT 0 CHECK (q_fun BETWEEN 0 AND 5),
    q_learned    INTEGER NOT NULL DEFAULT 0 CHECK (q_learned BETWEEN 0 AND 5),
    q_people     INTEGER NOT NULL DEFAULT 0 CHECK (q_people BETWEEN 0 AND 5),
    q_interest   INTEGER NOT NULL DEFAULT 0 CHECK (q_interest BETWEEN 0 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX block_feedback_block ON block_feedback (offer_day_id);
CREATE UNIQUE INDEX block_feedback_pupil ON block_feedback (pupil_id, offer_day_id)
    WHERE pupil_id IS NOT NULL AND deleted_at IS NULL;
