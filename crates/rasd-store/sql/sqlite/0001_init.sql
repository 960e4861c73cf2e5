-- rasd store, SQLite schema v1. Times are RFC 3339 UTC text, dates YYYY-MM-DD text,
-- JSON columns text. Nothing is ever deleted from documents, reports, events, merges,
-- reviews or changes.

CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    doc_id              TEXT NOT NULL,
    content_hash        TEXT NOT NULL UNIQUE,
    origin_path         TEXT NOT NULL,
    origin_line         INTEGER,
    outlet              TEXT,
    url                 TEXT,
    published           TEXT,
    collected           TEXT,
    anchor_date         TEXT,
    title               TEXT,
    text                TEXT NOT NULL,            -- the original text, never edited
    kept                TEXT NOT NULL,            -- JSON [Span]: what cleaning kept
    removed             TEXT NOT NULL,            -- JSON [Removal]: what cleaning removed, why
    encoding            TEXT NOT NULL,
    metadata            TEXT NOT NULL,            -- JSON object
    duplicate_of        INTEGER REFERENCES documents(id),
    duplicate_score     REAL,
    sig_scheme          INTEGER NOT NULL,
    minhash             BLOB NOT NULL,
    reports_fingerprint TEXT NOT NULL,
    ingested_at         TEXT NOT NULL,
    extracted_at        TEXT NOT NULL,
    search_stems        TEXT                      -- unused on SQLite (FTS5 holds the stems)
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- LSH band hashes of each document's MinHash signature (near-duplicate candidates).
CREATE TABLE doc_bands (
    band     INTEGER NOT NULL,
    document INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, document)
) WITHOUT ROWID;

-- Full-text index over the light stems of each document (rowid = documents.id).
CREATE VIRTUAL TABLE doc_fts USING fts5(stems, content='', tokenize='unicode61 remove_diacritics 0');

CREATE TABLE events (
    num            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL,                 -- active | merged | retired
    review_status  TEXT NOT NULL,                 -- unreviewed | confirmed | edited | rejected
    redirect_to    TEXT REFERENCES events(id),
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    tags           TEXT NOT NULL,                 -- ',siege,curfew,'
    date           TEXT,
    time_precision INTEGER,
    location_name  TEXT NOT NULL,
    location_key   TEXT NOT NULL,
    place_id       TEXT,
    country        TEXT,
    admin1         TEXT,
    admin1_key     TEXT,
    admin1_pcode   TEXT,
    admin2         TEXT,
    admin2_key     TEXT,
    admin2_pcode   TEXT,
    admin3         TEXT,
    admin3_key     TEXT,
    admin3_pcode   TEXT,
    lat            REAL,
    lon            REAL,
    geo_precision  INTEGER NOT NULL,
    actor1         TEXT,
    actor1_kind    TEXT,
    actor2         TEXT,
    actor2_kind    TEXT,
    fatalities     INTEGER,
    injured        INTEGER,
    confidence     REAL NOT NULL,
    n_reports      INTEGER NOT NULL,
    n_sources      INTEGER NOT NULL,
    consensus      TEXT NOT NULL,                 -- JSON Consensus (values + disagreements)
    overrides      TEXT NOT NULL,                 -- JSON [FieldEdit]: analyst values
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_sub_type_date ON events(sub_event_type, date);
CREATE INDEX events_type_date ON events(event_type, date);
CREATE INDEX events_admin1 ON events(admin1_key);
CREATE INDEX events_place ON events(place_id);
CREATE INDEX events_location_key ON events(location_key);
CREATE INDEX events_actor1 ON events(actor1);
CREATE INDEX events_actor2 ON events(actor2);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_status ON events(status, review_status);
CREATE INDEX events_updated ON events(updated_at);

-- Blocking keys of each event (the union of its reports'): candidates come from here.
CREATE TABLE event_blocks (
    block    TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id),
    PRIMARY KEY (block, event_id)
) WITHOUT ROWID;
CREATE INDEX event_blocks_event ON event_blocks(event_id);

CREATE TABLE reports (
    id               INTEGER PRIMARY KEY,
    document         INTEGER NOT NULL REFERENCES documents(id),
    ordinal          INTEGER NOT NULL,
    natural_key      TEXT NOT NULL,
    event_id         TEXT REFERENCES events(id),
    status           TEXT NOT NULL,               -- active | removed
    duplicate_source INTEGER NOT NULL,
    fingerprint      TEXT NOT NULL,
    sub_event_type   TEXT NOT NULL,
    date             TEXT,
    place_id         TEXT,
    location_name    TEXT NOT NULL,
    actor1           TEXT,
    actor2           TEXT,
    fatalities       INTEGER,
    confidence       REAL NOT NULL,
    data             TEXT NOT NULL,               -- JSON Event: every field with its evidence
    link             TEXT,                        -- JSON MatchReason
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX reports_document ON reports(document);
CREATE INDEX reports_event ON reports(event_id);

CREATE TABLE merges (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    event_id       TEXT,
    other_event_id TEXT,
    report_id      INTEGER,
    document       INTEGER,
    reason         TEXT,
    who            TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX merges_event ON merges(event_id);
CREATE INDEX merges_other ON merges(other_event_id);

CREATE TABLE reviews (
    id       INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    action   TEXT NOT NULL,
    payload  TEXT NOT NULL,                       -- JSON ReviewAction
    note     TEXT,
    who      TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX reviews_event ON reviews(event_id);

CREATE TABLE changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind     TEXT NOT NULL,
    event_id TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       TEXT NOT NULL
);
