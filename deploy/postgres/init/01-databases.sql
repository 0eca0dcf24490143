-- One database per service (docs: DESIGN.md), each migrated by its own service with Flyway.
-- The postgres image runs this once, on an empty data volume.
CREATE DATABASE auth;
CREATE DATABASE vehicle;
CREATE DATABASE notification;
CREATE DATABASE realtime;
