package com.luxedrive.infra;

/**
 * Entry point of the broker's child process: Kafka itself, plus a watch on the parent JVM so that a broker never
 * outlives the test run or launcher that started it, even when that one is killed outright.
 */
public final class KafkaMain {

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> System.exit(0)));
        kafka.Kafka.main(args);
    }
}
