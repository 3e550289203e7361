-- Custom migration (drizzle-kit generate --custom): the vote history and the moderation log are
-- append-only. The database refuses UPDATE and DELETE on them, whatever the application does.
CREATE FUNCTION agora_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER vote_events_append_only BEFORE UPDATE OR DELETE ON vote_events
  FOR EACH ROW EXECUTE FUNCTION agora_refuse_change();
--> statement-breakpoint
CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log
  FOR EACH ROW EXECUTE FUNCTION agora_refuse_change();
