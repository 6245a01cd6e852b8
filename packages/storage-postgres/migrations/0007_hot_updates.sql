-- pax8-sync storage, schema version 7: room on each page for a re-sync that changes every row (issue #13).
-- Runs with search_path set to the configured schema, inside the migration transaction.
--
-- An update stays on its row's page (HOT: no index is written, the old version is pruned in place)
-- only when the page has room for the new version. The engine writes a page of changed rows in one
-- transaction, so the old versions of a heap page's rows are all still live when the last of them is
-- updated: with 15% of each page free (fillfactor 85) about one row in six stayed on its page, and
-- every other update wrote a tuple elsewhere and an entry in each of the table's three indexes. The
-- core record tables, whose rows are the current state of Pax8 and re-synced as a whole (a price or
-- status change can touch every row), now leave half of each page free, so a change of every row of
-- a page stays on it. The billing tables keep 85: they are month-by-month history, mostly written once.
--
-- Only pages written from now on leave the room; existing pages keep their layout until rewritten
-- (VACUUM FULL or CLUSTER, if wanted: neither is needed for correctness). Nothing else changes.

ALTER TABLE companies SET (fillfactor = 50);
ALTER TABLE products SET (fillfactor = 50);
ALTER TABLE subscriptions SET (fillfactor = 50);
