-- Every change of an answer: who, when, the document before and after. The current answer keeps
-- who changed it last and the validation problems found when it was saved (it is saved anyway).
ALTER TABLE answers ADD COLUMN updated_by integer REFERENCES users (id);
ALTER TABLE answers ADD COLUMN problems jsonb NOT NULL DEFAULT '[]';

CREATE TABLE answer_history (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id integer NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  indicator_id text NOT NULL,
  revision integer NOT NULL,
  before jsonb,
  after jsonb NOT NULL,
  changed_by integer REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assessment_id, indicator_id, revision)
);
