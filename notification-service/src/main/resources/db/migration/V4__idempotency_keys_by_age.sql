-- Idempotency keys are forgotten after a day (IdempotencyKeys.forgetExpired), oldest first.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
