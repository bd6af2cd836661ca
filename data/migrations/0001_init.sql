-- Techniqual schema, version 1.
-- Every row has a UUID text key, created_at/updated_at in UTC (RFC 3339) and,
-- where another laptop may hold a copy, deleted_at for soft delete so that
-- exchanged files can be merged by UUID.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('school', 'company', 'other')),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    org_number       TEXT NOT NULL DEFAULT '',
    municipality     TEXT NOT NULL DEFAULT '',
    visiting_address TEXT NOT NULL DEFAULT '',
    sector           TEXT NOT NULL DEFAULT '',
    member_since     TEXT NOT NULL DEFAULT '' CHECK (member_since = '' OR date(member_since) IS member_since),
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
CREATE UNIQUE INDEX organisations_kind_name ON organisations (kind, name) WHERE deleted_at IS NULL;

CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT REFERENCES organisations (id),
    first_name      TEXT NOT NULL DEFAULT '',
    last_name       TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    journey         TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (length(trim(first_name || last_name)) > 0)
);
CREATE INDEX people_organisation ON people (organisation_id);
CREATE INDEX people_live ON people (id) WHERE deleted_at IS NULL;

-- A person may hold several roles (a supervisor is often a role model too).
CREATE TABLE person_roles (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('hr', 'supervisor', 'role_model', 'counsellor', 'other')),
    PRIMARY KEY (person_id, role)
) WITHOUT ROWID;
CREATE INDEX person_roles_role ON person_roles (role, person_id);

CREATE TABLE journey_entries (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    date            TEXT NOT NULL CHECK (date(date) IS date),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    text            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX journey_entries_organisation ON journey_entries (organisation_id, date);

CREATE TABLE pupils (
    id              TEXT PRIMARY KEY,
    school_id       TEXT NOT NULL REFERENCES organisations (id),
    first_name      TEXT NOT NULL DEFAULT '',
    last_name       TEXT NOT NULL DEFAULT '',
    class_name      TEXT NOT NULL DEFAULT '',
    grade           INTEGER NOT NULL CHECK (grade IN (8, 9)),
    birth_date      TEXT NOT NULL DEFAULT '' CHECK (birth_date = '' OR date(birth_date) IS birth_date),
    gender          TEXT NOT NULL DEFAULT 'unspecified' CHECK (gender IN ('girl', 'boy', 'other', 'unspecified')),
    protected       INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1)),
    guardian_name   TEXT NOT NULL DEFAULT '',
    guardian_phone  TEXT NOT NULL DEFAULT '',
    guardian_email  TEXT NOT NULL DEFAULT '',
    needs           TEXT NOT NULL DEFAULT '',
    needs_shareable INTEGER NOT NULL DEFAULT 0 CHECK (needs_shareable IN (0, 1)),
    external_id     TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (length(trim(first_name || last_name)) > 0)
);
CREATE INDEX pupils_school ON pupils (school_id, class_name);
CREATE INDEX pupils_external ON pupils (external_id) WHERE external_id <> '';
-- Small indexes of the live pupils keep the overview counts fast at 30,000 pupils.
CREATE INDEX pupils_live ON pupils (school_id, grade, protected) WHERE deleted_at IS NULL;

CREATE TABLE periods (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    grade      INTEGER NOT NULL CHECK (grade IN (8, 9)),
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT NOT NULL CHECK (date(end_date) IS end_date),
    status     TEXT NOT NULL DEFAULT 'planning'
               CHECK (status IN ('planning', 'choosing', 'matched', 'published', 'done', 'archived')),
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    CHECK (end_date >= start_date)
);
CREATE UNIQUE INDEX periods_name ON periods (name) WHERE deleted_at IS NULL;

CREATE TABLE period_schools (
    period_id TEXT NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    school_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (period_id, school_id)
) WITHOUT ROWID;

CREATE TABLE offers (
    id                   TEXT PRIMARY KEY,
    host_id              TEXT NOT NULL REFERENCES organisations (id),
    period_id            TEXT NOT NULL REFERENCES periods (id),
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description          TEXT NOT NULL DEFAULT '',
    capacity             INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 1000),
    visiting_address     TEXT NOT NULL DEFAULT '',
    supervisor_id        TEXT REFERENCES people (id),
    min_age              INTEGER NOT NULL DEFAULT 0 CHECK (min_age BETWEEN 0 AND 18),
    what_to_bring        TEXT NOT NULL DEFAULT '',
    travel_info          TEXT NOT NULL DEFAULT '',
    lunch_info           TEXT NOT NULL DEFAULT '',
    safety_risk_assessment  INTEGER NOT NULL DEFAULT 0 CHECK (safety_risk_assessment IN (0, 1)),
    safety_protective_gear  INTEGER NOT NULL DEFAULT 0 CHECK (safety_protective_gear IN (0, 1)),
    safety_introduction     INTEGER NOT NULL DEFAULT 0 CHECK (safety_introduction IN (0, 1)),
    safety_supervisor_adult INTEGER NOT NULL DEFAULT 0 CHECK (safety_supervisor_adult IN (0, 1)),
    safety_emergency_routine INTEGER NOT NULL DEFAULT 0 CHECK (safety_emergency_routine IN (0, 1)),
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT
);
CREATE INDEX offers_period ON offers (period_id);
CREATE INDEX offers_host ON offers (host_id);

CREATE TABLE offer_days (
    id            TEXT PRIMARY KEY,
    offer_id      TEXT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    date          TEXT NOT NULL CHECK (date(date) IS date),
    start_time    TEXT NOT NULL CHECK (time(start_time) IS start_time || ':00'),
    end_time      TEXT NOT NULL CHECK (time(end_time) IS end_time || ':00'),
    break_minutes INTEGER NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 600),
    activities    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (offer_id, date)
);

-- The people a pupil meets at an offer, in the order the host lists them.
CREATE TABLE offer_role_models (
    offer_id  TEXT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id),
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (offer_id, person_id)
) WITHOUT ROWID;

CREATE TABLE preferences (
    id         TEXT PRIMARY KEY,
    pupil_id   TEXT NOT NULL REFERENCES pupils (id),
    period_id  TEXT NOT NULL REFERENCES periods (id),
    offer_id   TEXT NOT NULL REFERENCES offers (id),
    rank       INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (pupil_id, period_id, rank),
    UNIQUE (pupil_id, offer_id)
);
CREATE INDEX preferences_offer ON preferences (offer_id);
CREATE INDEX preferences_period ON preferences (period_id);
-- Ranks are always 1..n, so the first choices count the pupils with choices.
CREATE INDEX preferences_first ON preferences (period_id, pupil_id) WHERE rank = 1;

-- Friends who would like to be placed together; stored once, smaller id first.
CREATE TABLE friend_pairs (
    id         TEXT PRIMARY KEY,
    period_id  TEXT NOT NULL REFERENCES periods (id),
    pupil_a    TEXT NOT NULL REFERENCES pupils (id),
    pupil_b    TEXT NOT NULL REFERENCES pupils (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (pupil_a < pupil_b),
    UNIQUE (period_id, pupil_a, pupil_b)
);

CREATE TABLE assignments (
    id                 TEXT PRIMARY KEY,
    period_id          TEXT NOT NULL REFERENCES periods (id),
    pupil_id           TEXT NOT NULL REFERENCES pupils (id),
    offer_id           TEXT NOT NULL REFERENCES offers (id),
    locked             INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    source             TEXT NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'manual')),
    supervisor_comment TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE UNIQUE INDEX assignments_pupil ON assignments (period_id, pupil_id) WHERE deleted_at IS NULL;
CREATE INDEX assignments_offer ON assignments (offer_id);

CREATE TABLE attendance (
    id         TEXT PRIMARY KEY,
    pupil_id   TEXT NOT NULL REFERENCES pupils (id),
    offer_id   TEXT NOT NULL REFERENCES offers (id),
    date       TEXT NOT NULL CHECK (date(date) IS date),
    status     TEXT NOT NULL CHECK (status IN ('present', 'sick', 'absent')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (pupil_id, date)
);
CREATE INDEX attendance_offer ON attendance (offer_id, date);

CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('network', 'pupil', 'other')),
    starts_at    TEXT NOT NULL CHECK (datetime(starts_at || ':00') IS starts_at || ':00'),
    ends_at      TEXT NOT NULL CHECK (datetime(ends_at || ':00') IS ends_at || ':00'),
    venue        TEXT NOT NULL DEFAULT '',
    capacity     INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    description  TEXT NOT NULL DEFAULT '',
    organiser_id TEXT REFERENCES organisations (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (ends_at >= starts_at)
);
CREATE UNIQUE INDEX events_title ON events (title, starts_at) WHERE deleted_at IS NULL;

CREATE TABLE registrations (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL REFERENCES events (id),
    person_id     TEXT REFERENCES people (id),
    pupil_id      TEXT REFERENCES pupils (id),
    status        TEXT NOT NULL DEFAULT 'invited'
                  CHECK (status IN ('invited', 'registered', 'waitlisted', 'attended', 'no_show', 'cancelled')),
    registered_at TEXT NOT NULL DEFAULT '',
    checked_in_at TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK ((person_id IS NULL) <> (pupil_id IS NULL))
);
CREATE UNIQUE INDEX registrations_person ON registrations (event_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX registrations_pupil ON registrations (event_id, pupil_id) WHERE pupil_id IS NOT NULL;

CREATE TABLE evaluations (
    id              TEXT PRIMARY KEY,
    pupil_id        TEXT NOT NULL REFERENCES pupils (id),
    period_id       TEXT NOT NULL REFERENCES periods (id),
    interest_before INTEGER CHECK (interest_before BETWEEN 1 AND 5),
    interest_after  INTEGER CHECK (interest_after BETWEEN 1 AND 5),
    would_recommend INTEGER CHECK (would_recommend IN (0, 1)),
    comment         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (pupil_id, period_id)
);

-- Anonymous counts kept when a finished period is archived and its pupils'
-- personal data is deleted (README, "Personal data and rules").
CREATE TABLE period_counts (
    period_id TEXT NOT NULL REFERENCES periods (id),
    metric    TEXT NOT NULL,
    grp       TEXT NOT NULL DEFAULT '',
    value     INTEGER NOT NULL,
    PRIMARY KEY (period_id, metric, grp)
) WITHOUT ROWID;

-- Every export of personal data (README, "Personal data and rules").
CREATE TABLE audit_log (
    id         TEXT PRIMARY KEY,
    at         TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (length(action) > 0),
    what       TEXT NOT NULL DEFAULT '',
    record_ids TEXT NOT NULL DEFAULT '',
    records    INTEGER NOT NULL DEFAULT 0,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
