-- Review: comments on an assessment or on one of its answers, sharing with the state's focal
-- point before publication, and the frozen snapshot a publication makes.
CREATE TABLE comments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id integer NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  indicator_id text CHECK (length(indicator_id) BETWEEN 1 AND 80),
  author_id integer NOT NULL REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_assessment ON comments (assessment_id, created_at);

ALTER TABLE assessments ADD COLUMN shared_with_focal_point_at timestamptz;

CREATE TABLE assessment_snapshots (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id integer NOT NULL REFERENCES assessments (id),
  content jsonb NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  published_by integer NOT NULL REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now()
);
