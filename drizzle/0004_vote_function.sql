-- Custom migration (drizzle-kit generate --custom): a vote is one statement. Everything a vote does —
-- the rate-limit window, the reader's lock, the vote, its history event and every results aggregate —
-- runs inside the database, so a vote costs the app one round trip instead of about fourteen.
-- lib/votes/cast-vote.ts calls agora_set_vote; lib/rate-limit.ts calls agora_hit_rate_limit.
--
-- Proposal ids and opinion-profile strings are ordered and compared with COLLATE "C" (byte order):
-- the pair cells were created in JavaScript string order (lib/votes/pair-cells.ts), which for content
-- ids (lowercase ASCII, digits, hyphens) is byte order, whatever the database's default collation.

-- Counts one attempt against `p_key` in the current fixed window of `p_window_seconds`: one atomic
-- upsert, so the count holds across any number of app instances. Returns the attempts so far in this
-- window (this one included) and the seconds until the window ends; the caller decides what is too many.
CREATE OR REPLACE FUNCTION agora_hit_rate_limit(p_key text, p_window_seconds integer)
RETURNS TABLE (hits integer, seconds_left integer) LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rate_limit_windows AS w (key, window_start, count, expires_at)
  SELECT p_key, s.start, 1, s.start + make_interval(secs => p_window_seconds)
  FROM (SELECT to_timestamp(floor(extract(epoch FROM now()) / p_window_seconds) * p_window_seconds) AS start) s
  ON CONFLICT (key, window_start) DO UPDATE SET count = w.count + 1
  RETURNING w.count, ceil(extract(epoch FROM w.expires_at - now()))::integer INTO hits, seconds_left;
  -- Expired windows are deleted now and then by whichever hit draws the short straw: no cron needed.
  -- SKIP LOCKED: the caller may be a vote's transaction, which must not queue behind another prune.
  IF random() < 0.01 THEN
    DELETE FROM rate_limit_windows w
    USING (SELECT key, window_start FROM rate_limit_windows WHERE expires_at < now() FOR UPDATE SKIP LOCKED) expired
    WHERE w.key = expired.key AND w.window_start = expired.window_start;
  END IF;
  RETURN NEXT;
END;
$$;
--> statement-breakpoint
-- A stance's side, as lib/stats/opinion-profiles.ts side() names it (opinion profiles are made of sides).
CREATE OR REPLACE FUNCTION agora_side(p_stance smallint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_stance > 0 THEN 'support' WHEN p_stance < 0 THEN 'oppose' ELSE 'unsure' END
$$;
--> statement-breakpoint
-- Casts, changes (p_stance) or withdraws (null) a reader's vote on a proposal, keeping the history and
-- every results aggregate equal to what the votes say (see lib/votes/cast-vote.ts for the contract).
-- Outcomes: 'ok' with the proposal's tally; 'not_found' (no such open proposal); 'rate_limited' with
-- retry_after, past p_votes_per_minute changes by this reader in this minute. Refused attempts still
-- count against the limit (the function returns rather than raises, so the window's count commits).
--
-- Rows shared between readers are taken in one global order — tally, daily deltas (by stance), pair
-- cells (sorted), profiles (sorted) — so concurrent votes queue rather than deadlock. A deadlock or
-- serialization failure aborts the whole statement, which the caller runs again.
CREATE OR REPLACE FUNCTION agora_set_vote(p_user_id text, p_proposal_id text, p_stance smallint, p_votes_per_minute integer)
RETURNS TABLE (
  outcome text,
  retry_after integer,
  tally_strongly_oppose integer,
  tally_oppose integer,
  tally_unsure integer,
  tally_support integer,
  tally_strongly_support integer
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
  v_cell_a text[];
  v_cell_b text[];
  v_cell_sa smallint[];
  v_cell_sb smallint[];
  v_cell_delta integer[];
  v_from text;
  v_to text;
  v_profile text;
  v_step integer;
BEGIN
  SELECT h.hits, h.seconds_left INTO v_hits, v_seconds_left FROM agora_hit_rate_limit('votes:minute:' || p_user_id, 60) h;
  IF v_hits > p_votes_per_minute THEN
    outcome := 'rate_limited';
    retry_after := v_seconds_left;
    RETURN NEXT;
    RETURN;
  END IF;

  -- The reader's vote changes run one at a time: racing themself, or voting on two proposals at once,
  -- they cannot interleave and skew the cross-tabs. The read below is a statement of its own, after
  -- the lock, so it sees their votes as the previous change left them (each statement of a volatile
  -- function takes a fresh snapshot under READ COMMITTED).
  PERFORM 1 FROM users WHERE id = p_user_id FOR NO KEY UPDATE;
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
    SELECT t.strongly_oppose, t.oppose, t.unsure, t.support, t.strongly_support
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

  -- The tally and the opinion-shift counters (a current voter now above / below their first stance).
  UPDATE proposal_tallies t SET
    strongly_oppose = t.strongly_oppose + (p_stance IS NOT DISTINCT FROM -2)::integer - (v_before IS NOT DISTINCT FROM -2)::integer,
    oppose = t.oppose + (p_stance IS NOT DISTINCT FROM -1)::integer - (v_before IS NOT DISTINCT FROM -1)::integer,
    unsure = t.unsure + (p_stance IS NOT DISTINCT FROM 0)::integer - (v_before IS NOT DISTINCT FROM 0)::integer,
    support = t.support + (p_stance IS NOT DISTINCT FROM 1)::integer - (v_before IS NOT DISTINCT FROM 1)::integer,
    strongly_support = t.strongly_support + (p_stance IS NOT DISTINCT FROM 2)::integer - (v_before IS NOT DISTINCT FROM 2)::integer,
    shifted_toward_support = t.shifted_toward_support + coalesce((p_stance > v_after_first)::integer, 0) - coalesce((v_before > v_before_first)::integer, 0),
    shifted_toward_oppose = t.shifted_toward_oppose + coalesce((p_stance < v_after_first)::integer, 0) - coalesce((v_before < v_before_first)::integer, 0),
    updated_at = now()
  WHERE t.proposal_id = p_proposal_id
  RETURNING t.strongly_oppose, t.oppose, t.unsure, t.support, t.strongly_support
  INTO tally_strongly_oppose, tally_oppose, tally_unsure, tally_support, tally_strongly_support;

  -- Today's (UTC) net change per stance: summed over days, the tally on any day.
  INSERT INTO proposal_daily_deltas AS d (proposal_id, day, stance, delta)
  SELECT p_proposal_id, (now() AT TIME ZONE 'utc')::date, c.stance, c.delta
    FROM (VALUES (v_before, -1), (p_stance, 1)) c(stance, delta)
   WHERE c.stance IS NOT NULL
   ORDER BY c.stance
  ON CONFLICT (proposal_id, day, stance) DO UPDATE SET delta = d.delta + excluded.delta;

  -- The cross-tab cells this change moves: with each other open proposal the reader has a stance on,
  -- the cell of the old stance loses one and the cell of the new one gains one. Every cell exists from
  -- the content sync on, so this is an UPDATE — after locking the cells in key order.
  SELECT array_agg(x.a), array_agg(x.b), array_agg(x.sa), array_agg(x.sb), array_agg(x.delta)
    INTO v_cell_a, v_cell_b, v_cell_sa, v_cell_sb, v_cell_delta
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
      HAVING sum(m.delta) <> 0) x;
  IF v_cell_a IS NOT NULL THEN
    PERFORM 1 FROM proposal_pair_counts c
      JOIN unnest(v_cell_a, v_cell_b, v_cell_sa, v_cell_sb) d(a, b, sa, sb)
        ON c.proposal_a = d.a AND c.proposal_b = d.b AND c.stance_a = d.sa AND c.stance_b = d.sb
     ORDER BY c.proposal_a COLLATE "C", c.proposal_b COLLATE "C", c.stance_a, c.stance_b
       FOR UPDATE OF c;
    UPDATE proposal_pair_counts c SET count = c.count + d.delta
      FROM unnest(v_cell_a, v_cell_b, v_cell_sa, v_cell_sb, v_cell_delta) d(a, b, sa, sb, delta)
     WHERE c.proposal_a = d.a AND c.proposal_b = d.b AND c.stance_a = d.sa AND c.stance_b = d.sb;
  END IF;

  -- Opinion profiles: "government-funding:oppose|open-source:support|treaties:unsure", or null unless
  -- the reader has a vote on every open proposal; before and after this change.
  SELECT CASE WHEN bool_and(x.stance_before IS NOT NULL) THEN string_agg(x.id || ':' || agora_side(x.stance_before), '|' ORDER BY x.id COLLATE "C") END,
         CASE WHEN bool_and(x.stance_after IS NOT NULL) THEN string_agg(x.id || ':' || agora_side(x.stance_after), '|' ORDER BY x.id COLLATE "C") END
    INTO v_from, v_to
    FROM (SELECT o.id, o.stance AS stance_before, CASE WHEN o.id = p_proposal_id THEN p_stance ELSE o.stance END AS stance_after
            FROM unnest(v_ids, v_stances) o(id, stance)) x;
  -- The profile left loses the reader, the one joined gains them (it may be new), in key order. A
  -- check constraint keeps counts non-negative, so leaving is an UPDATE, never an upsert of -1.
  IF v_from IS DISTINCT FROM v_to THEN
    FOR v_profile, v_step IN
      SELECT s.profile, s.step FROM (VALUES (v_from, -1), (v_to, 1)) s(profile, step)
       WHERE s.profile IS NOT NULL ORDER BY s.profile COLLATE "C"
    LOOP
      IF v_step < 0 THEN
        UPDATE opinion_profile_counts SET count = count - 1 WHERE profile = v_profile;
      ELSE
        INSERT INTO opinion_profile_counts AS c (profile, count) VALUES (v_profile, 1)
        ON CONFLICT (profile) DO UPDATE SET count = c.count + 1;
      END IF;
    END LOOP;
  END IF;

  outcome := 'ok';
  RETURN NEXT;
END;
$$;
