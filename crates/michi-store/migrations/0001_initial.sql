-- Schema 1: the workspace graph as rows, views with their placements, and the edit history.
-- Foreign keys are deferred: an operation may remove an element and its relations in any order
-- within its transaction.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE elements (
    id   TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    data TEXT NOT NULL           -- JSON of the element's properties, tagged by kind
) WITHOUT ROWID;

CREATE TABLE relations (
    kind    TEXT NOT NULL,
    from_id TEXT NOT NULL REFERENCES elements (id) DEFERRABLE INITIALLY DEFERRED,
    to_id   TEXT NOT NULL REFERENCES elements (id) DEFERRABLE INITIALLY DEFERRED,
    rank    TEXT NOT NULL,       -- order key among relations of the kind arriving at to_id; '' if unordered
    PRIMARY KEY (kind, from_id, to_id)
) WITHOUT ROWID;

CREATE INDEX relations_by_target ON relations (to_id, kind);

CREATE TABLE views (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL           -- JSON of the view kind and its presentation settings
) WITHOUT ROWID;

CREATE TABLE placements (
    view_id    TEXT NOT NULL REFERENCES views (id) DEFERRABLE INITIALLY DEFERRED,
    element_id TEXT NOT NULL REFERENCES elements (id) DEFERRABLE INITIALLY DEFERRED,
    x          REAL NOT NULL,
    y          REAL NOT NULL,
    width      REAL NOT NULL,
    height     REAL NOT NULL,
    PRIMARY KEY (view_id, element_id)
) WITHOUT ROWID;

-- One row per undoable step. Rows above the cursor (meta 'history_cursor') are redoable.
CREATE TABLE history (
    seq     INTEGER PRIMARY KEY,
    label   TEXT NOT NULL,
    forward TEXT NOT NULL,       -- JSON of the operation
    inverse TEXT NOT NULL,       -- JSON of its inverse
    at      TEXT NOT NULL        -- UTC time of the edit
);

INSERT INTO meta (key, value) VALUES ('history_cursor', '0');
