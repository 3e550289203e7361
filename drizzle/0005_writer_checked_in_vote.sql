-- Custom migration: the vote's one statement also checks the writer. agora_set_vote now lives in
-- db/functions/agora_set_vote.sql, applied after the journaled migrations on every start
-- (db/database-functions.ts), which also drops an older signature when a file changes one.
SELECT 1;
