/**
 * Reliable messaging between services: a transactional outbox and its ordered relay to Kafka on the producing side,
 * CloudEvents envelopes and idempotent handling on the consuming side.
 */
package com.luxedrive.messaging;
