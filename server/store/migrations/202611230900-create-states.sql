-- The registry of states: the Bali Process member states (and territories that are members in their
-- own right) with their status under the Trafficking in Persons Protocol. Fictional SAMPLE states
-- (user-assigned ISO codes X*) are added only by the demo loader and are flagged is_sample.
CREATE TABLE subregions (
  id text PRIMARY KEY CHECK (id ~ '^[a-z-]+$'),
  name text NOT NULL,
  sort_order integer NOT NULL
);

INSERT INTO subregions (id, name, sort_order) VALUES
  ('south-east-asia', 'South-East Asia', 1),
  ('south-asia', 'South Asia', 2),
  ('east-asia', 'East Asia', 3),
  ('pacific', 'Pacific', 4),
  ('west-asia', 'West Asia', 5),
  ('north-america', 'North America', 6);

CREATE TABLE states (
  code char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  subregion text NOT NULL REFERENCES subregions (id),
  -- 'territory' for members that are not sovereign (Hong Kong SAR, Macao SAR, New Caledonia).
  kind text NOT NULL CHECK (kind IN ('state', 'territory')),
  -- The sovereign state a territory belongs to (not always a member itself, e.g. France).
  parent_code char(2) CHECK (parent_code ~ '^[A-Z]{2}$'),
  bali_process_member boolean NOT NULL,
  -- Status under the Protocol as far as the sources show; 'unknown' rather than a guess.
  protocol_status text NOT NULL CHECK (protocol_status IN ('party', 'not_party', 'unknown')),
  protocol_action text CHECK (protocol_action IN ('ratification', 'accession', 'acceptance', 'approval', 'succession')),
  -- Partial dates are common in the sources: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.
  protocol_date text CHECK (protocol_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  protocol_note text,
  protocol_source text NOT NULL,
  -- 'source': seen in a cited source; 'knowledge': known but not re-verified; 'uncertain': verify first.
  protocol_confidence text NOT NULL CHECK (protocol_confidence IN ('source', 'knowledge', 'uncertain')),
  status_as_of date NOT NULL,
  is_sample boolean NOT NULL DEFAULT false,
  CHECK (is_sample = (code LIKE 'X%')),
  CHECK ((kind = 'territory') = (parent_code IS NOT NULL))
);
