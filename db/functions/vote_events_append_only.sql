-- The vote history is append-only: it must always replay to the current votes.
CREATE OR REPLACE TRIGGER vote_events_append_only BEFORE UPDATE OR DELETE ON vote_events
  FOR EACH ROW EXECUTE FUNCTION agora_refuse_change();
