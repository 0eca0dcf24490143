-- Each realtime-service instance says it is alive every 30 s (SessionSweep); the open sessions of an instance not
-- heard from for two minutes (killed, out of memory, its database away at the disconnects) are closed at their last
-- activity, so "who is connected" stays true after a crash.
CREATE TABLE realtime_instances (
    instance_id TEXT PRIMARY KEY,
    seen_at     TIMESTAMPTZ NOT NULL
);
