/**
 * Tables of the insights store. Personal data is minimised to what the KPIs need: a learner appears only as
 * a pseudonymous key (an HMAC of agency and LMS account id, learnerKey.ts), never by name or e-mail; records
 * are keyed by agency + LMS local id, so a harvest that runs again (after a crash, or the next cycle) upserts
 * instead of counting twice. `cube` holds the aggregates the API answers from, rebuilt per agency at
 * snapshot time (aggregate.ts); `harvest_state` the checkpoints and the last run of each agency.
 */
export const STORE_DDL = `
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS courses (
  agency text NOT NULL, local_id text NOT NULL, title text NOT NULL, sdgs int[] NOT NULL,
  format text NOT NULL, language text, duration_minutes int, seen_run text NOT NULL,
  PRIMARY KEY (agency, local_id));
CREATE TABLE IF NOT EXISTS enrolments (
  agency text NOT NULL, local_id text NOT NULL, learner_key text NOT NULL, course_id text NOT NULL,
  status text NOT NULL, enrolled_at timestamptz, completed_at timestamptz, score real, seen_run text NOT NULL,
  PRIMARY KEY (agency, local_id));
CREATE INDEX IF NOT EXISTS enrolments_enrolled ON enrolments (enrolled_at);
CREATE INDEX IF NOT EXISTS enrolments_completed ON enrolments (completed_at);
CREATE TABLE IF NOT EXISTS credentials (
  agency text NOT NULL, local_id text NOT NULL, learner_key text NOT NULL, course_id text,
  issued_at timestamptz, seen_run text NOT NULL,
  PRIMARY KEY (agency, local_id));
CREATE TABLE IF NOT EXISTS ratings (
  agency text NOT NULL, local_id text NOT NULL, course_id text NOT NULL, rating real NOT NULL,
  answered_at timestamptz, seen_run text NOT NULL,
  PRIMARY KEY (agency, local_id));
CREATE TABLE IF NOT EXISTS cube (
  agency text NOT NULL, dim text NOT NULL, value text NOT NULL, period text NOT NULL,
  enrolments int NOT NULL, cohort_completed int NOT NULL, in_progress int NOT NULL, failed int NOT NULL,
  withdrawn int NOT NULL, learners int NOT NULL, completions int NOT NULL, completers int NOT NULL,
  minutes float8 NOT NULL, credentials int NOT NULL, hist int[] NOT NULL, courses int NOT NULL DEFAULT 0,
  sdg_mask int NOT NULL DEFAULT 0,
  PRIMARY KEY (agency, dim, value, period));
CREATE INDEX IF NOT EXISTS cube_dim ON cube (dim, period, value);
CREATE TABLE IF NOT EXISTS harvest_state (
  agency text PRIMARY KEY, run_id text, run_full boolean NOT NULL DEFAULT true, run_started_at timestamptz,
  cursor int NOT NULL DEFAULT 0, run_items int NOT NULL DEFAULT 0, run_calls int NOT NULL DEFAULT 0,
  last_success_at timestamptz, last_duration_ms int, last_items int, last_calls int,
  last_error text, last_error_at timestamptz, courses int NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS harvest_log (
  agency text NOT NULL, run_id text NOT NULL, finished_at timestamptz NOT NULL, items int NOT NULL,
  calls int NOT NULL, worker text NOT NULL, PRIMARY KEY (agency, run_id));
-- Incremental harvests (issue 15): the kind of each run (full, walk, incremental), the change window an
-- incremental run asked for (kept, so that a resumed run asks the same), and when the last runs started.
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS run_kind text;
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS run_since timestamptz;
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS run_until timestamptz;
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS last_run_kind text;
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS last_run_started_at timestamptz;
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS last_full_at timestamptz;
ALTER TABLE harvest_state ADD COLUMN IF NOT EXISTS runs_since_full int NOT NULL DEFAULT 0;
ALTER TABLE harvest_log ADD COLUMN IF NOT EXISTS kind text;
`;
