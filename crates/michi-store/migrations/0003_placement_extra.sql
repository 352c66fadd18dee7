-- Schema 3: process diagrams. A placement may carry a connector's route, its label's bounds, display
-- flags and what an imported diagram said that Michi keeps for export (JSON; NULL for a plain box).

ALTER TABLE placements ADD COLUMN extra TEXT;
