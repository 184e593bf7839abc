-- Assessment rounds (e.g. the 2024 baseline). A round may start from a previous one, whose answers
-- are then cloned for review rather than retyped.
CREATE TABLE rounds (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date,
  previous_round_id integer REFERENCES rounds (id),
  is_sample boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
