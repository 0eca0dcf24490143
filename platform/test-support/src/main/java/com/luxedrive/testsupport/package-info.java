/**
 * Real infrastructure for tests: {@link com.luxedrive.testsupport.RealInfrastructure} gives a Spring test a real
 * PostgreSQL, Kafka and Redis (containers when Docker answers, embedded servers otherwise), a database of its own and
 * clean tables per test class; {@link com.luxedrive.testsupport.TestTokens} signs tokens every service accepts.
 */
package com.luxedrive.testsupport;
