-- Techniqual schema: the tasks of a real school (issue #17).

-- A short code per offer, unique in its period, printed in the offer
-- catalogue and typed in the choices grid. Codes are given once and kept,
-- so a slip a pupil filled in stays right when offers are added later.
CREATE TABLE offer_codes (
    offer_id  TEXT PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
    period_id TEXT NOT NULL REFERENCES periods (id),
    code      INTEGER NOT NULL CHECK (code BETWEEN 1 AND 99999),
    UNIQUE (period_id, code)
);

-- The host's risk assessment of an offer: what the pupil does, which
-- machines and substances are near, the protective gear and how a minor is
-- supervised. The school reads and signs it (pdf risk-assessments).
CREATE TABLE risk_assessments (
    offer_id        TEXT PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
    tasks           TEXT NOT NULL DEFAULT '',
    machines        TEXT NOT NULL DEFAULT '',
    substances      TEXT NOT NULL DEFAULT '',
    protective_gear TEXT NOT NULL DEFAULT '',
    supervision     TEXT NOT NULL DEFAULT '',
    assessed_by     TEXT NOT NULL DEFAULT '',
    assessed_on     TEXT NOT NULL DEFAULT '' CHECK (assessed_on = '' OR date(assessed_on) IS assessed_on),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- The school's own text of the guardian information letter, per language;
-- no row means the built-in text.
CREATE TABLE guardian_letter_texts (
    school_id  TEXT NOT NULL REFERENCES organisations (id),
    lang       TEXT NOT NULL CHECK (lang IN ('sv', 'en')),
    body       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (school_id, lang)
) WITHOUT ROWID;

-- A guardian's reply slip, as recorded by the school.
CREATE TABLE guardian_replies (
    pupil_id   TEXT NOT NULL REFERENCES pupils (id),
    period_id  TEXT NOT NULL REFERENCES periods (id),
    consent    TEXT NOT NULL DEFAULT '' CHECK (consent IN ('', 'yes', 'no')),
    allergies  TEXT NOT NULL DEFAULT '',
    travel     TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    received_on TEXT NOT NULL DEFAULT '' CHECK (received_on = '' OR date(received_on) IS received_on),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (pupil_id, period_id)
) WITHOUT ROWID;

-- Own-found placements (egen praoplats): a pupil or guardian proposes a
-- host; the counsellor records it, sends the host form, the host answers
-- with an offer, the counsellor approves and the pupil is locked there.
CREATE TABLE own_placements (
    id         TEXT PRIMARY KEY,
    pupil_id   TEXT NOT NULL REFERENCES pupils (id),
    period_id  TEXT NOT NULL REFERENCES periods (id),
    host_id    TEXT NOT NULL REFERENCES organisations (id),
    offer_id   TEXT REFERENCES offers (id),
    status     TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'form_sent', 'answered', 'approved')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (pupil_id, period_id)
);
