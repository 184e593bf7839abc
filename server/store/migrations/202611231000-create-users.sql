-- People and what they may reach. A consultant is assigned to states (user_states); a focal point
-- is bound to exactly one state; managers and administrators are not bound to states.
CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('administrator', 'programme_manager', 'consultant', 'focal_point')),
  focal_state char(2) REFERENCES states (code),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'focal_point') = (focal_state IS NOT NULL))
);

CREATE TABLE user_states (
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  state_code char(2) NOT NULL REFERENCES states (code),
  PRIMARY KEY (user_id, state_code)
);

-- Sessions live in the database so several app processes behind a load balancer share them.
CREATE TABLE sessions (
  sid text PRIMARY KEY,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Every login attempt, by the email typed (whether or not an account has it) and by address:
-- throttling reads it, so it works across app processes and reveals nothing about accounts.
CREATE TABLE login_attempts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  email text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL
);
CREATE INDEX login_attempts_email_at ON login_attempts (email, at);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);

-- Who changed what, when and from where. Written in the same transaction as the change.
CREATE TABLE audit_log (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users (id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}',
  ip text,
  request_id text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
