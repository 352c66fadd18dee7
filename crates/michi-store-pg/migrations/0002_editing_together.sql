-- Editing together: every client's edit is one entry of the workspace's history, numbered from a
-- counter that only grows (last_seq), so a client that has seen entry n reads what came after it.
-- An entry says who made it (author: the name shown; db_user: the database role, set by the
-- server), what kind of step it is (an edit, or the undo or redo of one of its author's edits,
-- target), which rows it touched (keys, to tell whether an undo still applies), whether it touched
-- the workspace's shared rows, and the token its client gave it (an edit sent again after a lost
-- connection is recognised and not applied twice).

ALTER TABLE workspaces ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
UPDATE workspaces w SET last_seq = coalesce((SELECT max(seq) FROM history h WHERE h.workspace = w.id), 0);

ALTER TABLE history ADD COLUMN db_user TEXT NOT NULL DEFAULT current_user;
ALTER TABLE history ADD COLUMN kind    TEXT NOT NULL DEFAULT 'edit' CHECK (kind IN ('edit', 'undo', 'redo'));
ALTER TABLE history ADD COLUMN target  BIGINT;
ALTER TABLE history ADD COLUMN undone  BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE history ADD COLUMN keys    TEXT NOT NULL DEFAULT '[]';
ALTER TABLE history ADD COLUMN shared  BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE history ADD COLUMN token   TEXT;

CREATE UNIQUE INDEX history_token ON history (workspace, token);
CREATE INDEX history_by_author ON history (workspace, author, version, seq);
CREATE INDEX history_by_target ON history (workspace, target);
