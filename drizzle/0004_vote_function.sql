-- Custom migration: a vote is one statement. The functions it created (agora_hit_rate_limit,
-- agora_side, agora_set_vote) now live in db/functions/, one file each, applied after the journaled
-- migrations on every start (db/database-functions.ts): read the rules there, not here.
SELECT 1;
