-- The moderation log is append-only: what moderators did stays on the record.
CREATE OR REPLACE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log
  FOR EACH ROW EXECUTE FUNCTION agora_refuse_change();
