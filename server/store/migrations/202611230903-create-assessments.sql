-- Rubric versions as used: an assessment is pinned to one, and its content never changes after that
-- (the hash is checked whenever the rubric file is loaded again).
CREATE TABLE rubrics (
  key text PRIMARY KEY,
  rubric_id text NOT NULL,
  version text NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  document jsonb NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rubric_id, version)
);

-- One state's answers in one round against one rubric version. The workflow status lives here;
-- findings on each indicator live in the answers, never mixed with it.
CREATE TABLE assessments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state_code char(2) NOT NULL REFERENCES states (code),
  round_id integer NOT NULL REFERENCES rounds (id),
  rubric_key text NOT NULL REFERENCES rubrics (key),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'changes_requested', 'approved', 'published')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (state_code, round_id)
);

-- An answer document as typed (valid or not), with the revision it is at: a save names the revision
-- it was based on, so two people never overwrite each other silently.
CREATE TABLE answers (
  assessment_id integer NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  indicator_id text NOT NULL CHECK (length(indicator_id) BETWEEN 1 AND 80),
  document jsonb NOT NULL,
  revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, indicator_id)
);
