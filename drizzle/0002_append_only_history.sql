-- Custom migration: the vote history and the moderation log are append-only. Its trigger function and
-- triggers now live in db/functions/ (agora_refuse_change.sql, vote_events_append_only.sql,
-- moderation_log_append_only.sql), applied after the journaled migrations on every start
-- (db/database-functions.ts). A database that ran this file before keeps what it made; the files
-- replace it with the same definitions.
SELECT 1;
