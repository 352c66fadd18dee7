-- Schema 5: who made each undoable step. Empty for the person at this machine; a workshop
-- participant's name for what they added from their browser (and, later, a team member's).

ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT '';
