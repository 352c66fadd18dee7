-- Schema 2: indexes on the columns that reference elements, so that removing an element checks
-- its relations and placements by index instead of scanning them (SQLite checks foreign keys on
-- every parent-row deletion).

CREATE INDEX relations_by_source ON relations (from_id);
CREATE INDEX placements_by_element ON placements (element_id);
