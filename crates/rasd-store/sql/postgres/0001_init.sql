-- rasd store, PostgreSQL schema v1. Times are timestamptz, dates date, JSON columns
-- text (read and written whole by the store). Nothing is ever deleted from documents,
-- reports, events, merges, reviews or changes.

CREATE TABLE documents (
    id                  BIGSERIAL PRIMARY KEY,
    doc_id              TEXT NOT NULL,
    content_hash        TEXT NOT NULL UNIQUE,
    origin_path         TEXT NOT NULL,
    origin_line         BIGINT,
    outlet              TEXT,
    url                 TEXT,
    published           TEXT,
    collected           TEXT,
    anchor_date         DATE,
    title               TEXT,
    text                TEXT NOT NULL,            -- the original text, never edited
    kept                TEXT NOT NULL,            -- JSON [Span]: what cleaning kept
    removed             TEXT NOT NULL,            -- JSON [Removal]: what cleaning removed, why
    encoding            TEXT NOT NULL,
    metadata            TEXT NOT NULL,            -- JSON object
    duplicate_of        BIGINT REFERENCES documents(id),
    duplicate_score     DOUBLE PRECISION,
    sig_scheme          BIGINT NOT NULL,
    minhash             BYTEA NOT NULL,
    reports_fingerprint TEXT NOT NULL,
    ingested_at         TIMESTAMPTZ NOT NULL,
    extracted_at        TIMESTAMPTZ NOT NULL,
    search_stems        TEXT NOT NULL             -- light stems of title and text (full-text search)
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- LSH band hashes of each document's MinHash signature (near-duplicate candidates).
CREATE TABLE doc_bands (
    band     BIGINT NOT NULL,
    document BIGINT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, document)
);

-- Full-text index over the light stems of each document.
CREATE INDEX documents_fts ON documents USING GIN (to_tsvector('simple', search_stems));

-- Event numbers (ids are 'SYR' || lpad(num)); never reused.
CREATE SEQUENCE events_num_seq;

CREATE TABLE events (
    num            BIGINT PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL,                 -- active | merged | retired
    review_status  TEXT NOT NULL,                 -- unreviewed | confirmed | edited | rejected
    redirect_to    TEXT REFERENCES events(id),
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    tags           TEXT NOT NULL,                 -- ',siege,curfew,'
    date           DATE,
    time_precision BIGINT,
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
    lat            DOUBLE PRECISION,
    lon            DOUBLE PRECISION,
    geo_precision  BIGINT NOT NULL,
    actor1         TEXT,
    actor1_kind    TEXT,
    actor2         TEXT,
    actor2_kind    TEXT,
    fatalities     BIGINT,
    injured        BIGINT,
    confidence     DOUBLE PRECISION NOT NULL,
    n_reports      BIGINT NOT NULL,
    n_sources      BIGINT NOT NULL,
    consensus      TEXT NOT NULL,                 -- JSON Consensus (values + disagreements)
    overrides      TEXT NOT NULL,                 -- JSON [FieldEdit]: analyst values
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
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
);
CREATE INDEX event_blocks_event ON event_blocks(event_id);

CREATE TABLE reports (
    id               BIGSERIAL PRIMARY KEY,
    document         BIGINT NOT NULL REFERENCES documents(id),
    ordinal          BIGINT NOT NULL,
    natural_key      TEXT NOT NULL,
    event_id         TEXT REFERENCES events(id),
    status           TEXT NOT NULL,               -- active | removed
    duplicate_source BOOLEAN NOT NULL,
    fingerprint      TEXT NOT NULL,
    sub_event_type   TEXT NOT NULL,
    date             DATE,
    place_id         TEXT,
    location_name    TEXT NOT NULL,
    actor1           TEXT,
    actor2           TEXT,
    fatalities       BIGINT,
    confidence       DOUBLE PRECISION NOT NULL,
    data             TEXT NOT NULL,               -- JSON Event: every field with its evidence
    link             TEXT,                        -- JSON MatchReason
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX reports_document ON reports(document);
CREATE INDEX reports_event ON reports(event_id);

CREATE TABLE merges (
    id             BIGSERIAL PRIMARY KEY,
    kind           TEXT NOT NULL,
    event_id       TEXT,
    other_event_id TEXT,
    report_id      BIGINT,
    document       BIGINT,
    reason         TEXT,
    who            TEXT NOT NULL,
    at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX merges_event ON merges(event_id);
CREATE INDEX merges_other ON merges(other_event_id);

CREATE TABLE reviews (
    id       BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    action   TEXT NOT NULL,
    payload  TEXT NOT NULL,                       -- JSON ReviewAction
    note     TEXT,
    who      TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX reviews_event ON reviews(event_id);

CREATE TABLE changes (
    seq      BIGSERIAL PRIMARY KEY,
    kind     TEXT NOT NULL,
    event_id TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL
);
