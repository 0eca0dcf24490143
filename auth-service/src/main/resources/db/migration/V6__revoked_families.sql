-- Every refresh asks whether the token's family has a revoked token (RefreshTokens.rotate). A family gains a row per
-- refresh (an access token lives 15 minutes) and keeps them while it lives, so through the family index the question
-- read every row of a family a month old; revoked rows are few, and this index holds only them.
CREATE INDEX refresh_tokens_revoked_family ON refresh_tokens (family_id) WHERE revoked_at IS NOT NULL;
