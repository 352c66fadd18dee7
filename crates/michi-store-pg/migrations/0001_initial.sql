-- Team workspaces: the rows of a .michi file, keyed by workspace as well. Elements, relations,
-- views and placements belong to a version of a workspace (version 0: the workspace's own data,
-- shared by its versions); the history is one log per workspace, each entry of one version.
-- JSON is kept as the text Michi wrote (as in the file), so a workspace comes back byte for byte.

CREATE TABLE workspaces (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    created         TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The version a client opens first (the one edited when it was pushed).
    current_version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE versions (
    workspace      BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    id             BIGINT NOT NULL,
    name           TEXT NOT NULL,
    forked_from    BIGINT,
    created        TEXT NOT NULL,
    history_cursor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace, id),
    UNIQUE (workspace, name)
);

CREATE TABLE elements (
    workspace BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    version   BIGINT NOT NULL,
    id        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    data      TEXT NOT NULL,
    PRIMARY KEY (workspace, version, id)
);

CREATE TABLE relations (
    workspace BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    version   BIGINT NOT NULL,
    kind      TEXT NOT NULL,
    from_id   TEXT NOT NULL,
    to_id     TEXT NOT NULL,
    rank      TEXT NOT NULL,
    PRIMARY KEY (workspace, version, kind, from_id, to_id)
);
CREATE INDEX relations_by_target ON relations (workspace, version, to_id, kind);

CREATE TABLE views (
    workspace BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    version   BIGINT NOT NULL,
    id        TEXT NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    PRIMARY KEY (workspace, version, id)
);

CREATE TABLE placements (
    workspace  BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    version    BIGINT NOT NULL,
    view_id    TEXT NOT NULL,
    element_id TEXT NOT NULL,
    x          DOUBLE PRECISION NOT NULL,
    y          DOUBLE PRECISION NOT NULL,
    width      DOUBLE PRECISION NOT NULL,
    height     DOUBLE PRECISION NOT NULL,
    extra      TEXT,
    PRIMARY KEY (workspace, version, view_id, element_id)
);

CREATE TABLE history (
    workspace BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL,
    version   BIGINT NOT NULL,
    label     TEXT NOT NULL,
    author    TEXT NOT NULL DEFAULT '',
    forward   TEXT NOT NULL,
    inverse   TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (workspace, seq)
);
