-- Schema 4: versions of a workspace (as-is, to-be, "to-be 2027"). Every row of the graph, of the
-- views and of the history belongs to one version. Account data and state snapshots belong to the
-- workspace, not to a version: their rows carry version 0 and every version reads them. Each version
-- has its own undo history (its entries in `history`, its cursor in `versions`). The version being
-- edited is meta 'current_version'. A file of schema 3 becomes version 1, named 現状 (as-is).
-- Relations never touch the workspace's own kinds (the relation schema allows none), so their keys
-- name rows of their version.

CREATE TABLE versions (
    id             INTEGER PRIMARY KEY,    -- 1, 2, …; 0 is the workspace's own rows
    name           TEXT NOT NULL UNIQUE,
    forked_from    INTEGER,                -- the version it was copied from, if it still exists
    created        TEXT NOT NULL,          -- UTC time of the copy
    history_cursor INTEGER NOT NULL DEFAULT 0  -- seq of its last applied history entry, 0 if none
) WITHOUT ROWID;

INSERT INTO versions (id, name, forked_from, created, history_cursor)
VALUES (1, '現状', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'history_cursor'), 0));
DELETE FROM meta WHERE key = 'history_cursor';
INSERT INTO meta (key, value) VALUES ('current_version', '1');

CREATE TABLE elements_v (
    version INTEGER NOT NULL,
    id      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (version, id)
) WITHOUT ROWID;
INSERT INTO elements_v (version, id, kind, data)
SELECT CASE WHEN kind IN ('accountSnapshot', 'stateSnapshot', 'judgement') THEN 0 ELSE 1 END, id, kind, data
FROM elements;

CREATE TABLE relations_v (
    version INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    rank    TEXT NOT NULL,
    PRIMARY KEY (version, kind, from_id, to_id),
    FOREIGN KEY (version, from_id) REFERENCES elements_v (version, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (version, to_id) REFERENCES elements_v (version, id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
INSERT INTO relations_v (version, kind, from_id, to_id, rank) SELECT 1, kind, from_id, to_id, rank FROM relations;

CREATE TABLE views_v (
    version INTEGER NOT NULL,
    id      TEXT NOT NULL,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    PRIMARY KEY (version, id)
) WITHOUT ROWID;
INSERT INTO views_v (version, id, name, kind) SELECT 1, id, name, kind FROM views;

CREATE TABLE placements_v (
    version    INTEGER NOT NULL,
    view_id    TEXT NOT NULL,
    element_id TEXT NOT NULL,
    x          REAL NOT NULL,
    y          REAL NOT NULL,
    width      REAL NOT NULL,
    height     REAL NOT NULL,
    extra      TEXT,
    PRIMARY KEY (version, view_id, element_id),
    -- The element may be one of the workspace's own (version 0), so no key names its row; loading
    -- checks that it exists.
    FOREIGN KEY (version, view_id) REFERENCES views_v (version, id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
INSERT INTO placements_v (version, view_id, element_id, x, y, width, height, extra)
SELECT 1, view_id, element_id, x, y, width, height, extra FROM placements;

CREATE TABLE history_v (
    seq     INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    label   TEXT NOT NULL,
    forward TEXT NOT NULL,
    inverse TEXT NOT NULL,
    at      TEXT NOT NULL
);
INSERT INTO history_v (seq, version, label, forward, inverse, at) SELECT seq, 1, label, forward, inverse, at FROM history;

DROP TABLE placements;
DROP TABLE relations;
DROP TABLE views;
DROP TABLE elements;
DROP TABLE history;
ALTER TABLE elements_v RENAME TO elements;
ALTER TABLE relations_v RENAME TO relations;
ALTER TABLE views_v RENAME TO views;
ALTER TABLE placements_v RENAME TO placements;
ALTER TABLE history_v RENAME TO history;

CREATE INDEX relations_by_target ON relations (version, to_id, kind);
CREATE INDEX relations_by_source ON relations (version, from_id);
CREATE INDEX placements_by_element ON placements (version, element_id);
CREATE INDEX history_by_version ON history (version, seq);
