-- Equality journeys (issue 18): a member's active measures per area and
-- step, its yearly figures, its peer marks; the old free-text journey
-- entries become stories, not shared until the member says so.

-- Stories: every existing entry is kept as a story, private by default
-- (shareable 0) and without an area.
ALTER TABLE journey_entries ADD COLUMN shareable INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1));
ALTER TABLE journey_entries ADD COLUMN area TEXT NOT NULL DEFAULT ''
    CHECK (area IN ('', 'working_conditions', 'pay', 'recruitment', 'training', 'parenthood', 'harassment'));

-- Active measures (Diskrimineringslagen 3 kap.): one row per member, year,
-- area and step of DO's four steps.
CREATE TABLE journey_measures (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    area            TEXT NOT NULL CHECK (area IN ('working_conditions', 'pay', 'recruitment', 'training', 'parenthood', 'harassment')),
    step            TEXT NOT NULL CHECK (step IN ('investigate', 'analyse', 'act', 'follow_up')),
    state           TEXT NOT NULL DEFAULT 'not_started' CHECK (state IN ('not_started', 'under_way', 'in_place', 'followed_up')),
    done            TEXT NOT NULL DEFAULT '',
    date            TEXT NOT NULL DEFAULT '' CHECK (date = '' OR date(date) IS date),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX journey_measures_cell ON journey_measures (organisation_id, year, area, step) WHERE deleted_at IS NULL;

-- A member's figures of one year: staff by gender and the pay survey.
CREATE TABLE journey_years (
    id                TEXT PRIMARY KEY,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    year              INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    employees         INTEGER NOT NULL DEFAULT 0 CHECK (employees BETWEEN 0 AND 1000000),
    pay_survey        INTEGER NOT NULL DEFAULT 0 CHECK (pay_survey IN (0, 1)),
    pay_survey_date   TEXT NOT NULL DEFAULT '' CHECK (pay_survey_date = '' OR date(pay_survey_date) IS pay_survey_date),
    tech_women        INTEGER NOT NULL DEFAULT 0 CHECK (tech_women >= 0),
    tech_men          INTEGER NOT NULL DEFAULT 0 CHECK (tech_men >= 0),
    mgmt_women        INTEGER NOT NULL DEFAULT 0 CHECK (mgmt_women >= 0),
    mgmt_men          INTEGER NOT NULL DEFAULT 0 CHECK (mgmt_men >= 0),
    hires_women       INTEGER NOT NULL DEFAULT 0 CHECK (hires_women >= 0),
    hires_men         INTEGER NOT NULL DEFAULT 0 CHECK (hires_men >= 0),
    apprentices_women INTEGER NOT NULL DEFAULT 0 CHECK (apprentices_women >= 0),
    apprentices_men   INTEGER NOT NULL DEFAULT 0 CHECK (apprentices_men >= 0),
    interns_women     INTEGER NOT NULL DEFAULT 0 CHECK (interns_women >= 0),
    interns_men       INTEGER NOT NULL DEFAULT 0 CHECK (interns_men >= 0),
    role_models_women INTEGER NOT NULL DEFAULT 0 CHECK (role_models_women >= 0),
    role_models_men   INTEGER NOT NULL DEFAULT 0 CHECK (role_models_men >= 0),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE UNIQUE INDEX journey_years_member ON journey_years (organisation_id, year) WHERE deleted_at IS NULL;

-- Peers at events: per area "we have done this and can share" and "we want
-- to start this".
CREATE TABLE journey_peers (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    area            TEXT NOT NULL CHECK (area IN ('working_conditions', 'pay', 'recruitment', 'training', 'parenthood', 'harassment')),
    can_share       INTEGER NOT NULL DEFAULT 0 CHECK (can_share IN (0, 1)),
    want_start      INTEGER NOT NULL DEFAULT 0 CHECK (want_start IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (NOT (can_share = 1 AND want_start = 1))
);
CREATE UNIQUE INDEX journey_peers_member ON journey_peers (organisation_id, area) WHERE deleted_at IS NULL;
