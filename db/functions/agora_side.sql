-- agora_side: a stance's side, as lib/stats/opinion-profiles.ts side() names it (opinion profiles are
-- made of sides).
CREATE OR REPLACE FUNCTION agora_side(p_stance smallint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_stance > 0 THEN 'support' WHEN p_stance < 0 THEN 'oppose' ELSE 'unsure' END
$$;
