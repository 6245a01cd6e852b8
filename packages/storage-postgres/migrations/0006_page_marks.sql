-- pax8-sync storage, schema version 6: page marks (issue #13).
-- Runs with search_path set to the configured schema, inside the migration transaction.
--
-- A re-sync where nothing changed used to diff every page: a getMany of every row it listed. The
-- engine now gives each checkpoint a mark (opaque text: a digest of the listed page and one of the
-- stored rows' hashes), kept with the page's slot; the next pull reads the entity's marks once and,
-- for a page whose listing and stored hashes match, checkpoints it without reading the rows.
-- The mark is one column of the slot row a checkpoint already writes: no extra row, no extra index
-- (the primary key (connection_id, entity, slot) serves the read of one entity's marks). A
-- checkpoint without a mark sets it NULL; slots written before this version have none, so their
-- pages are diffed as before. It outlives the pull's seen set like the slot itself, and goes with
-- the connection's run_pages rows when it is purged.
--
-- A process still running the previous version overwrites a slot without touching its mark; the
-- engine checks a mark against the page it just listed and the stored hashes before trusting it.

ALTER TABLE run_pages ADD COLUMN mark text;
