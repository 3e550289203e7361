-- agora_set_vote: casts, changes (p_stance) or withdraws (null) a reader's vote on a proposal. This file
-- is the contract; lib/votes/cast-vote.ts (setVote) is its typed wrapper and states nothing more.
--
-- One statement does everything a vote does — the writer check, the rate-limit window, the reader's
-- lock, the vote, its history event (vote_events) and every results aggregate (proposal_tallies,
-- proposal_daily_deltas, proposal_pair_counts, opinion_profile_counts) — so a vote costs the app one
-- round trip, and tallies always equal a recount while the history always replays to the votes.
-- Re-sending the current stance changes nothing.
--
-- p_session_id is the request's server-side session (sessions.id, the cookie's `sid`): it must be live
-- (not ended, not expired) and the user's, checked in the same read as the writer. Null only for
-- in-process callers acting as a user (scripts, seeds, tests); every HTTP request passes one.
--
-- Outcomes: 'ok' with the proposal's tally; 'no_user' (no such user, or no live session); 'banned' with
-- ban_reason; 'not_found' (no such open proposal); 'rate_limited' with retry_after, past
-- p_votes_per_minute changes by this reader in this minute (key votes:minute:<user id>). Refused
-- attempts past the writer check count against the limit (the function returns rather than raises, so
-- the window's count commits).
--
-- Every aggregate is a sharded counter (db/schema.ts AGGREGATE_SHARDS): this vote writes only the
-- shard its reader hashes to, hashtext(user_id) & 63, and readers sum the shards. So two voters on one
-- proposal share a row only when their readers share a shard (1 in 64), not always: concurrent votes
-- no longer queue behind one tally row each holds until commit. A reader always lands in the same
-- shard, and their own changes run one at a time (the users row lock below).
--
-- Rows shared between readers are taken in one global order — tally, daily deltas (by stance), pair
-- cells (sorted), profiles (sorted) — so concurrent votes queue rather than deadlock. A deadlock or
-- serialization failure aborts the whole statement, which the caller runs again. Proposal ids and
-- opinion-profile strings are ordered and compared with COLLATE "C" (byte order): the pair cells are
-- created in JavaScript string order (lib/votes/pair-cells.ts), which for content ids (lowercase
-- ASCII, digits, hyphens) is byte order, whatever the database's default collation.
CREATE OR REPLACE FUNCTION agora_set_vote(p_user_id text, p_session_id text, p_proposal_id text, p_stance smallint, p_votes_per_minute integer)
RETURNS TABLE (
  outcome text,
  retry_after integer,
  tally_strongly_oppose integer,
  tally_oppose integer,
  tally_unsure integer,
  tally_support integer,
  tally_strongly_support integer,
  ban_reason text
) LANGUAGE plpgsql AS $$
DECLARE
  v_hits integer;
  v_seconds_left integer;
  v_ids text[];
  v_stances smallint[];
  v_found boolean;
  v_before smallint;
  v_before_first smallint;
  v_after_first smallint;
  v_from text;
  v_to text;
  v_banned boolean;
  v_ban_reason text;
  v_shard smallint := hashtext(p_user_id) & 63;
BEGIN
  -- The writer first, under their lock: a vote from a session that ended, whose user is gone, or who is banned,
  -- changes nothing and counts against no limit. The lock is held to the end, so a ban that commits
  -- while this vote waits is seen here, and a vote that got here ahead of a ban finishes before it.
  -- The reader's vote changes run one at a time: racing themself, or voting on two proposals at once,
  -- they cannot interleave and skew the cross-tabs.
  SELECT u.banned_at IS NOT NULL, u.ban_reason INTO v_banned, v_ban_reason FROM users u
   WHERE u.id = p_user_id
     AND (p_session_id IS NULL OR EXISTS (
           SELECT 1 FROM sessions s
            WHERE s.id = p_session_id AND s.user_id = u.id AND s.ended_at IS NULL AND s.expires_at > now()))
     FOR NO KEY UPDATE OF u;
  IF NOT FOUND THEN
    outcome := 'no_user';
    RETURN NEXT;
    RETURN;
  END IF;
  IF v_banned THEN
    outcome := 'banned';
    ban_reason := coalesce(v_ban_reason, 'banned by a moderator');
    RETURN NEXT;
    RETURN;
  END IF;

  SELECT h.hits, h.seconds_left INTO v_hits, v_seconds_left FROM agora_hit_rate_limit('votes:minute:' || p_user_id, 60) h;
  IF v_hits > p_votes_per_minute THEN
    outcome := 'rate_limited';
    retry_after := v_seconds_left;
    RETURN NEXT;
    RETURN;
  END IF;

  -- The read below is a statement of its own, after the lock, so it sees the reader's votes as their
  -- previous change left them (each statement of a volatile function takes a fresh snapshot under
  -- READ COMMITTED).
  SELECT array_agg(p.id ORDER BY p.id COLLATE "C"),
         array_agg(v.stance ORDER BY p.id COLLATE "C"),
         coalesce(bool_or(p.id = p_proposal_id), false),
         max(v.stance) FILTER (WHERE p.id = p_proposal_id),
         max(v.first_stance) FILTER (WHERE p.id = p_proposal_id)
    INTO v_ids, v_stances, v_found, v_before, v_before_first
    FROM proposals p LEFT JOIN votes v ON v.proposal_id = p.id AND v.user_id = p_user_id
   WHERE p.retired_at IS NULL;
  IF NOT v_found THEN
    outcome := 'not_found';
    RETURN NEXT;
    RETURN;
  END IF;

  -- Re-sending the current stance changes nothing: no history event, no aggregate touched.
  IF v_before IS NOT DISTINCT FROM p_stance THEN
    SELECT sum(t.strongly_oppose), sum(t.oppose), sum(t.unsure), sum(t.support), sum(t.strongly_support)
      INTO tally_strongly_oppose, tally_oppose, tally_unsure, tally_support, tally_strongly_support
      FROM proposal_tallies t WHERE t.proposal_id = p_proposal_id;
    outcome := 'ok';
    RETURN NEXT;
    RETURN;
  END IF;

  -- The vote and its history event. A new vote's first stance is its stance; a change keeps it.
  IF p_stance IS NULL THEN
    DELETE FROM votes WHERE user_id = p_user_id AND proposal_id = p_proposal_id;
  ELSIF v_before IS NULL THEN
    INSERT INTO votes (user_id, proposal_id, stance, first_stance) VALUES (p_user_id, p_proposal_id, p_stance, p_stance);
  ELSE
    UPDATE votes SET stance = p_stance, updated_at = now() WHERE user_id = p_user_id AND proposal_id = p_proposal_id;
  END IF;
  v_after_first := CASE WHEN p_stance IS NOT NULL THEN coalesce(v_before_first, p_stance) END;
  INSERT INTO vote_events (user_id, proposal_id, old_stance, new_stance) VALUES (p_user_id, p_proposal_id, v_before, p_stance);

  -- The tally and the opinion-shift counters (a current voter now above / below their first stance),
  -- in this reader's shard (created by the first vote that lands there).
  INSERT INTO proposal_tallies AS t (proposal_id, shard, strongly_oppose, oppose, unsure, support, strongly_support,
                                     shifted_toward_support, shifted_toward_oppose)
  VALUES (p_proposal_id, v_shard,
    (p_stance IS NOT DISTINCT FROM -2)::integer - (v_before IS NOT DISTINCT FROM -2)::integer,
    (p_stance IS NOT DISTINCT FROM -1)::integer - (v_before IS NOT DISTINCT FROM -1)::integer,
    (p_stance IS NOT DISTINCT FROM 0)::integer - (v_before IS NOT DISTINCT FROM 0)::integer,
    (p_stance IS NOT DISTINCT FROM 1)::integer - (v_before IS NOT DISTINCT FROM 1)::integer,
    (p_stance IS NOT DISTINCT FROM 2)::integer - (v_before IS NOT DISTINCT FROM 2)::integer,
    coalesce((p_stance > v_after_first)::integer, 0) - coalesce((v_before > v_before_first)::integer, 0),
    coalesce((p_stance < v_after_first)::integer, 0) - coalesce((v_before < v_before_first)::integer, 0))
  ON CONFLICT (proposal_id, shard) DO UPDATE SET
    strongly_oppose = t.strongly_oppose + excluded.strongly_oppose,
    oppose = t.oppose + excluded.oppose,
    unsure = t.unsure + excluded.unsure,
    support = t.support + excluded.support,
    strongly_support = t.strongly_support + excluded.strongly_support,
    shifted_toward_support = t.shifted_toward_support + excluded.shifted_toward_support,
    shifted_toward_oppose = t.shifted_toward_oppose + excluded.shifted_toward_oppose,
    updated_at = now();

  -- Today's (UTC) net change per stance: summed over days and shards, the tally on any day.
  INSERT INTO proposal_daily_deltas AS d (proposal_id, day, stance, shard, delta)
  SELECT p_proposal_id, (now() AT TIME ZONE 'utc')::date, c.stance, v_shard, c.delta
    FROM (VALUES (v_before, -1), (p_stance, 1)) c(stance, delta)
   WHERE c.stance IS NOT NULL
   ORDER BY c.stance
  ON CONFLICT (proposal_id, day, stance, shard) DO UPDATE SET delta = d.delta + excluded.delta;

  -- The cross-tab cells this change moves: with each other open proposal the reader has a stance on,
  -- the cell of the old stance loses one and the cell of the new one gains one — in this reader's
  -- shard, upserted in key order (a cell's shard row may not exist yet; a -1 there is fine, the sum
  -- over shards is what counts).
  INSERT INTO proposal_pair_counts AS c (proposal_a, proposal_b, stance_a, stance_b, shard, count)
  SELECT x.a, x.b, x.sa, x.sb, v_shard, x.delta
    FROM (
      SELECT CASE WHEN mine THEN p_proposal_id ELSE o.id END AS a,
             CASE WHEN mine THEN o.id ELSE p_proposal_id END AS b,
             CASE WHEN mine THEN m.stance ELSE o.stance END AS sa,
             CASE WHEN mine THEN o.stance ELSE m.stance END AS sb,
             sum(m.delta)::integer AS delta
        FROM unnest(v_ids, v_stances) o(id, stance)
       CROSS JOIN LATERAL (SELECT p_proposal_id COLLATE "C" < o.id COLLATE "C" AS mine) k
       CROSS JOIN (VALUES (v_before, -1), (p_stance, 1)) m(stance, delta)
       WHERE o.id <> p_proposal_id AND o.stance IS NOT NULL AND m.stance IS NOT NULL
       GROUP BY 1, 2, 3, 4
      HAVING sum(m.delta) <> 0) x
   ORDER BY x.a COLLATE "C", x.b COLLATE "C", x.sa, x.sb
  ON CONFLICT (proposal_a, proposal_b, stance_a, stance_b, shard) DO UPDATE SET count = c.count + excluded.count;

  -- Opinion profiles: "government-funding:oppose|open-source:support|treaties:unsure", or null unless
  -- the reader has a vote on every open proposal; before and after this change.
  SELECT CASE WHEN bool_and(x.stance_before IS NOT NULL) THEN string_agg(x.id || ':' || agora_side(x.stance_before), '|' ORDER BY x.id COLLATE "C") END,
         CASE WHEN bool_and(x.stance_after IS NOT NULL) THEN string_agg(x.id || ':' || agora_side(x.stance_after), '|' ORDER BY x.id COLLATE "C") END
    INTO v_from, v_to
    FROM (SELECT o.id, o.stance AS stance_before, CASE WHEN o.id = p_proposal_id THEN p_stance ELSE o.stance END AS stance_after
            FROM unnest(v_ids, v_stances) o(id, stance)) x;
  -- The profile left loses the reader, the one joined gains them, in this reader's shard, in key order.
  IF v_from IS DISTINCT FROM v_to THEN
    INSERT INTO opinion_profile_counts AS c (profile, shard, count)
    SELECT s.profile, v_shard, s.step FROM (VALUES (v_from, -1), (v_to, 1)) s(profile, step)
     WHERE s.profile IS NOT NULL ORDER BY s.profile COLLATE "C"
    ON CONFLICT (profile, shard) DO UPDATE SET count = c.count + excluded.count;
  END IF;

  -- The proposal's tally as this reader now sees it: the sum of its shards (a fixed number of rows).
  SELECT sum(t.strongly_oppose), sum(t.oppose), sum(t.unsure), sum(t.support), sum(t.strongly_support)
    INTO tally_strongly_oppose, tally_oppose, tally_unsure, tally_support, tally_strongly_support
    FROM proposal_tallies t WHERE t.proposal_id = p_proposal_id;

  outcome := 'ok';
  RETURN NEXT;
END;
$$;
