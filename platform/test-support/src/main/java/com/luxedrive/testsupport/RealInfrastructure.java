package com.luxedrive.testsupport;

import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestExecutionListeners;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test on real PostgreSQL, Kafka and Redis. Each application context gets a database of its own on
 * the shared server and a Kafka consumer group of its own; every test class starts with empty tables. Tokens from
 * {@link TestTokens} are accepted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(RealInfrastructureCustomizerFactory.class)
@TestExecutionListeners(listeners = CleanTablesListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface RealInfrastructure {
}
