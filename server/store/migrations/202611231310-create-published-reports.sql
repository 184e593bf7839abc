-- The PDF of a published assessment's country report, kept with the snapshot it was made from:
-- downloading it again returns the same bytes, even after other states' answers (and so the
-- regional averages in it) have moved on.
CREATE TABLE published_reports (
  snapshot_id integer PRIMARY KEY REFERENCES assessment_snapshots (id),
  assessment_id integer NOT NULL REFERENCES assessments (id),
  pdf bytea NOT NULL,
  pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
