-- The earliest access-token issue time still valid, set by a logout or a deactivation (rounded up to the second, as
-- tokens carry iat in whole seconds): a token issued after it in the same second is given it as iat, so the
-- revocation refuses every earlier token and no later one (TokenRevocations).
ALTER TABLE users ADD COLUMN tokens_not_before TIMESTAMPTZ;
