-- pax8-sync storage, schema version 2: the seen set of a pull as one row per page.
-- Runs with search_path set to the configured schema, inside the migration transaction.
--
-- A pull used to insert one run_seen row per record and delete them all at the end, and to update
-- its run row on every page: a re-sync where nothing changed wrote three rows per record and page.
-- Now each page writes one row: its slot (connection, entity, position in the pull) holding the
-- page's ids, the run's checkpoint and its counts. The next pull of the same entity overwrites the
-- slots in place, so nothing is deleted either; a pull's seen set is the slots carrying its pull id.
-- The run row gets the last checkpoint and the counts when the run finishes.
--
-- run_seen is no longer written (a process still running the previous version may, until it
-- stops); a pull in progress under the previous version is restarted, not resumed, by this one.

CREATE TABLE run_pages (
  connection_id text COLLATE "C" NOT NULL,
  entity        text COLLATE "C" NOT NULL,
  slot          integer NOT NULL,
  pull_id       text COLLATE "C" NOT NULL,
  run_id        text COLLATE "C" NOT NULL,
  checkpoint    json   NOT NULL,
  counts        json   NOT NULL,
  ids           text[] COLLATE "C" NOT NULL,
  PRIMARY KEY (connection_id, entity, slot)
);
