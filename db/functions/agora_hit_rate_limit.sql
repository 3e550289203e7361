-- agora_hit_rate_limit: counts one attempt against `p_key` in the current fixed window of
-- `p_window_seconds`: one atomic upsert, so the count holds across any number of app instances. Returns
-- the attempts so far in this window (this one included) and the seconds until the window ends; the
-- caller decides what is too many (lib/rate-limit.ts hitRateLimit and countAttemptsSql; agora_set_vote).
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
