-- A regional comparison needs as many fictional SAMPLE states as there are members (45), more than
-- the 26 user-assigned codes XA-XZ. SAMPLE states may also use X0-X9 and the user-assigned QM-QZ;
-- no real state has any of these codes, so a SAMPLE state can never be taken for a real one.
ALTER TABLE states DROP CONSTRAINT states_code_check;
ALTER TABLE states ADD CONSTRAINT states_code_check CHECK (code ~ '^[A-Z]{2}$' OR code ~ '^X[0-9]$');
ALTER TABLE states DROP CONSTRAINT states_check;
ALTER TABLE states ADD CONSTRAINT states_sample_code_check CHECK (is_sample = (code LIKE 'X%' OR code ~ '^Q[M-Z]$'));
