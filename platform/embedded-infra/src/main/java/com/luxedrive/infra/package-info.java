/**
 * Real PostgreSQL, Kafka and Redis servers started from Maven artifacts, with no Docker and nothing installed:
 * the local platform keeps their data in a folder, tests give them a throwaway one.
 */
package com.luxedrive.infra;
