-- agora_refuse_change: the trigger function that makes a table append-only (vote_events, moderation_log:
-- see their triggers in this folder). The database refuses UPDATE and DELETE, whatever the application does.
CREATE OR REPLACE FUNCTION agora_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
