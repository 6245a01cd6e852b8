-- pax8-sync storage, schema version 5: billing (invoices, invoice and draft items, usage summaries).
-- Runs with search_path set to the configured schema, inside the migration transaction.
--
-- Record tables like companies (json data, "C" ids, 15% of each page free for in-place re-syncs),
-- each row carrying the listing it came from (scope: `invoice:<id>`, `draft:YYYY-MM`,
-- `usage:<subscription>:YYYY-MM`, `invoices:YYYY-MM`) and the month charged (period, `YYYY-MM`).
--
-- Indexes are few: each one is written on every insert (issue #13). The company indexes are partial
-- like the active ones (reconcile reads rows not removed): on tables never analyzed the planner takes
-- a partial index over a full one that matches more columns, and walked a whole month per company.
-- - A billing pull's removal pass is always of the scopes it listed, so the active index leads with
--   the scope: (connection_id, scope, id) of the rows not removed serves listUnseen, count(notSeenBy)
--   and listActiveIds of a scope in id order, and takes the place of the (connection_id, id) one.
-- - Reconcile reads one company at a time: its invoices of the month (scope `invoices:YYYY-MM`), then
--   the items of those invoices or of the month's draft (by scope), or its usage of the month (by
--   period), each in id order: (connection_id, company_id, scope, id) on invoices, (connection_id,
--   company_id, id) on items (with the scope after the company in their active index),
--   (connection_id, company_id, period, id) on usage summaries. Without them each company's read
--   would walk the whole month of every company.

CREATE TABLE invoices (
  connection_id  text COLLATE "C" NOT NULL,
  id             text COLLATE "C" NOT NULL,
  hash           text   NOT NULL,
  data           json   NOT NULL,
  created_run_id text   NOT NULL,
  updated_run_id text   NOT NULL,
  created_at     bigint NOT NULL,
  updated_at     bigint NOT NULL,
  removed_at     bigint,
  scope          text COLLATE "C" NOT NULL,
  period         text COLLATE "C" NOT NULL,
  invoice_date   text   NOT NULL,
  status         text   NOT NULL,
  company_id     text COLLATE "C",
  total          double precision NOT NULL,
  currency_code  text   NOT NULL,
  PRIMARY KEY (connection_id, id)
) WITH (fillfactor = 85);
CREATE INDEX invoices_active_idx ON invoices (connection_id, scope, id) WHERE removed_at IS NULL;
CREATE INDEX invoices_company_idx ON invoices (connection_id, company_id, scope, id) WHERE removed_at IS NULL;

CREATE TABLE invoice_items (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  hash            text   NOT NULL,
  data            json   NOT NULL,
  created_run_id  text   NOT NULL,
  updated_run_id  text   NOT NULL,
  created_at      bigint NOT NULL,
  updated_at      bigint NOT NULL,
  removed_at      bigint,
  scope           text COLLATE "C" NOT NULL,
  period          text COLLATE "C" NOT NULL,
  invoice_id      text COLLATE "C",
  company_id      text COLLATE "C" NOT NULL,
  subscription_id text COLLATE "C",
  product_id      text COLLATE "C",
  quantity        double precision NOT NULL,
  price           double precision NOT NULL,
  cost            double precision NOT NULL,
  currency_code   text   NOT NULL,
  charge_type     text   NOT NULL,
  billed_by_pax8  boolean NOT NULL,
  PRIMARY KEY (connection_id, id)
) WITH (fillfactor = 85);
-- The company follows the scope in the active index: a draft month holds every company's lines, and
-- a read of one company's lines of that scope must not walk all of them when the planner prefers this
-- (partial) index to the company one, as it did on tables never analyzed.
CREATE INDEX invoice_items_active_idx ON invoice_items (connection_id, scope, company_id, id) WHERE removed_at IS NULL;
-- A company's lines in id order (a PSA reading its customers' charges, any month or scope): the
-- scope is not in it, so no read of one company walks every company's lines in id order.
CREATE INDEX invoice_items_company_idx ON invoice_items (connection_id, company_id, id) WHERE removed_at IS NULL;

CREATE TABLE usage_summaries (
  connection_id   text COLLATE "C" NOT NULL,
  id              text COLLATE "C" NOT NULL,
  hash            text   NOT NULL,
  data            json   NOT NULL,
  created_run_id  text   NOT NULL,
  updated_run_id  text   NOT NULL,
  created_at      bigint NOT NULL,
  updated_at      bigint NOT NULL,
  removed_at      bigint,
  scope           text COLLATE "C" NOT NULL,
  period          text COLLATE "C" NOT NULL,
  subscription_id text COLLATE "C" NOT NULL,
  company_id      text COLLATE "C" NOT NULL,
  product_id      text COLLATE "C",
  current_charges double precision NOT NULL,
  partner_total   double precision NOT NULL,
  currency_code   text   NOT NULL,
  PRIMARY KEY (connection_id, id)
) WITH (fillfactor = 85);
CREATE INDEX usage_summaries_active_idx ON usage_summaries (connection_id, scope, id) WHERE removed_at IS NULL;
CREATE INDEX usage_summaries_company_idx ON usage_summaries (connection_id, company_id, period, id) WHERE removed_at IS NULL;
