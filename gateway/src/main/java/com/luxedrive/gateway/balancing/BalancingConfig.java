package com.luxedrive.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every service's load balancer uses {@link QuarantineAwareBalancing}'s instance list. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = QuarantineAwareBalancing.class)
class BalancingConfig {
}
