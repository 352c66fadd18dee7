-- Who may do what, enforced by the database: each workspace has an owner (who pushed it) and
-- members, PostgreSQL roles (a user or a group) that may read it or also edit it. Row-level security
-- on every table lets a connection see only the workspaces it may read and change only those it may
-- edit; the tables themselves are open to every role of the database, so Michi's users need no
-- grants of their own. The owner of the tables (who ran this migration) and superusers are not
-- bound by the policies: they administer.
--
-- The checks run as functions owned by the migrator (SECURITY DEFINER), so reading the members
-- table does not depend on the caller's own rights; they ask about session_user, the role logged in.

ALTER TABLE workspaces ADD COLUMN owner TEXT NOT NULL DEFAULT session_user;

CREATE TABLE members (
    workspace BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    can_edit  BOOLEAN NOT NULL,
    PRIMARY KEY (workspace, role)
);

CREATE FUNCTION michi_is_owner(ws BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = ws AND w.owner = session_user)
$$;

CREATE FUNCTION michi_can_read(ws BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT michi_is_owner(ws) OR EXISTS (
        SELECT 1 FROM members m
        WHERE m.workspace = ws AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = m.role)
          AND pg_has_role(session_user, m.role, 'MEMBER'))
$$;

CREATE FUNCTION michi_can_edit(ws BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT michi_is_owner(ws) OR EXISTS (
        SELECT 1 FROM members m
        WHERE m.workspace = ws AND m.can_edit AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = m.role)
          AND pg_has_role(session_user, m.role, 'MEMBER'))
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON workspaces, versions, elements, relations, views, placements, history, members
    TO PUBLIC;
GRANT USAGE ON SEQUENCE workspaces_id_seq TO PUBLIC;
GRANT SELECT ON michi_migrations TO PUBLIC;

ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
CREATE POLICY workspace_read ON workspaces FOR SELECT USING (michi_can_read(id));
CREATE POLICY workspace_new ON workspaces FOR INSERT WITH CHECK (owner = session_user);
CREATE POLICY workspace_edit ON workspaces FOR UPDATE USING (michi_can_edit(id)) WITH CHECK (michi_can_edit(id));
CREATE POLICY workspace_drop ON workspaces FOR DELETE USING (michi_is_owner(id));

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON members FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY members_owner ON members FOR ALL USING (michi_is_owner(workspace)) WITH CHECK (michi_is_owner(workspace));

ALTER TABLE versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON versions FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY rows_edit ON versions FOR ALL USING (michi_can_edit(workspace)) WITH CHECK (michi_can_edit(workspace));
ALTER TABLE elements ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON elements FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY rows_edit ON elements FOR ALL USING (michi_can_edit(workspace)) WITH CHECK (michi_can_edit(workspace));
ALTER TABLE relations ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON relations FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY rows_edit ON relations FOR ALL USING (michi_can_edit(workspace)) WITH CHECK (michi_can_edit(workspace));
ALTER TABLE views ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON views FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY rows_edit ON views FOR ALL USING (michi_can_edit(workspace)) WITH CHECK (michi_can_edit(workspace));
ALTER TABLE placements ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON placements FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY rows_edit ON placements FOR ALL USING (michi_can_edit(workspace)) WITH CHECK (michi_can_edit(workspace));
ALTER TABLE history ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON history FOR SELECT USING (michi_can_read(workspace));
CREATE POLICY rows_edit ON history FOR ALL USING (michi_can_edit(workspace)) WITH CHECK (michi_can_edit(workspace));
