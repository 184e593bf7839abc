-- Every change to an assessment's answers (by the app, an import or plain SQL) moves its
-- answers_version on, so scores computed from the answers can be cached and known to be current
-- by reading one small row per assessment.
ALTER TABLE assessments ADD COLUMN answers_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION bump_answers_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assessments SET answers_version = answers_version + 1
  WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.assessment_id ELSE NEW.assessment_id END;
  RETURN NULL;
END;
$$;

CREATE TRIGGER answers_version_bump AFTER INSERT OR UPDATE OR DELETE ON answers
  FOR EACH ROW EXECUTE FUNCTION bump_answers_version();
