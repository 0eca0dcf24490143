-- Expired refresh tokens and stale login failures are deleted hourly (RefreshTokens.forgetExpired,
-- LoginLockout.forgetStale), oldest first.
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);
CREATE INDEX login_failures_last_failure ON login_failures (last_failure_at);
