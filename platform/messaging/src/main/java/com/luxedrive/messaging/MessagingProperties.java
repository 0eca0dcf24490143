package com.luxedrive.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param source       the CloudEvents {@code ce_source} of everything this service publishes; defaults to
 *                     {@code spring.application.name}
 * @param pollInterval how often the relay looks for unpublished events when no commit woke it
 * @param batchSize    how many events one relay pass publishes at most
 * @param sendTimeout  how long the relay waits for the broker's acknowledgement before retrying the batch; longer
 *                     than the producer's delivery timeout (8 s), so every send has failed or succeeded by then
 * @param topicPartitions partitions of the platform's topics when this service creates them
 * @param processedEventsKept how long a consumer remembers an applied event, to ignore its redelivery; longer than
 *                     the topics' retention (7 days), after which the broker cannot redeliver it
 * @param processedEventsPurgeEvery how often the applied events older than that are forgotten
 */
@Validated
@ConfigurationProperties("luxe.messaging")
public record MessagingProperties(String source,
                                  @NotNull @DefaultValue("1s") Duration pollInterval,
                                  @Min(1) @DefaultValue("500") int batchSize,
                                  @NotNull @DefaultValue("15s") Duration sendTimeout,
                                  @Min(1) @DefaultValue("6") int topicPartitions,
                                  @NotNull @DefaultValue("14d") Duration processedEventsKept,
                                  @NotNull @DefaultValue("1h") Duration processedEventsPurgeEvery) {
}
