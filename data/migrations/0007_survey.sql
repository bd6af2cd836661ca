-- Techniqual schema: the pupils' questionnaire before and after a period
-- (issue #19). A pupil answers under an anonymous code, the same code
-- before and after; the code is printed on a slip that the pupil keeps, so
-- the paper questionnaire carries no name.

-- Classes that do their prao later in the year and answer at the same two
-- moments as the period's pupils: the comparison group.
CREATE TABLE survey_comparison_classes (
    period_id  TEXT NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    school_id  TEXT NOT NULL REFERENCES organisations (id),
    class_name TEXT NOT NULL CHECK (length(trim(class_name)) > 0),
    created_at TEXT NOT NULL,
    PRIMARY KEY (period_id, school_id, class_name)
) WITHOUT ROWID;

-- One code per pupil and period. comparison = 1 for a pupil of a
-- comparison class. The code is random (no part of it comes from the pupil).
CREATE TABLE survey_codes (
    id         TEXT PRIMARY KEY,
    period_id  TEXT NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    pupil_id   TEXT NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
    code       TEXT NOT NULL CHECK (length(code) = 8),
    comparison INTEGER NOT NULL DEFAULT 0 CHECK (comparison IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (period_id, pupil_id)
);
CREATE UNIQUE INDEX survey_codes_code ON survey_codes (code);

-- One wave's answers of one code: the four interest items and "could you
-- see yourself working with technology" on 1–5 (NULL: not answered), and
-- the upper-secondary programme the pupil is thinking of ('' none given).
CREATE TABLE survey_answers (
    code_id    TEXT NOT NULL REFERENCES survey_codes (id) ON DELETE CASCADE,
    wave       TEXT NOT NULL CHECK (wave IN ('before', 'after')),
    q1         INTEGER CHECK (q1 BETWEEN 1 AND 5),
    q2         INTEGER CHECK (q2 BETWEEN 1 AND 5),
    q3         INTEGER CHECK (q3 BETWEEN 1 AND 5),
    q4         INTEGER CHECK (q4 BETWEEN 1 AND 5),
    work       INTEGER CHECK (work BETWEEN 1 AND 5),
    programme  TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (code_id, wave)
) WITHOUT ROWID;
