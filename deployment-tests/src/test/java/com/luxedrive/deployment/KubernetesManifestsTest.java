package com.luxedrive.deployment;

import com.luxedrive.local.LocalPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kustomization under {@code k8s/} renders with {@code kubectl kustomize}, reads as typed Kubernetes objects
 * without unknown fields, and the platform's overlays follow our rules: probes on the actuator groups, sized
 * resources, pinned images, unprivileged pods on a read-only root filesystem, an autoscaler, a disruption budget and
 * a Service per Deployment, deny-by-default networking with only the gateway reachable from outside, no Secret in git,
 * and the same settings per service as the local platform.
 */
class KubernetesManifestsTest {

    private static final String PART_OF = "app.kubernetes.io/part-of";
    private static final String NAME = "app.kubernetes.io/name";
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";
    /** Where Prometheus and the OpenTelemetry collector run (k8s/base/network-policies.yaml). */
    private static final String MONITORING_NAMESPACE = "monitoring";
    /** Custom resources of the operators the platform relies on; anything else the models do not know is a mistake. */
    private static final Set<String> OPERATOR_API_VERSIONS = Set.of(
            "kafka.strimzi.io/v1", "postgresql.cnpg.io/v1", "monitoring.coreos.com/v1");

    /**
     * Settings only the cluster gives, by service, beyond the local platform's names (and those it passes through
     * from its caller, e.g. SPRING_PROFILES_ACTIVE).
     */
    private static final Map<String, Set<String>> CLUSTER_ONLY_SETTINGS = Map.of(
            // the signing key is rotated in the cluster: the keys published beside it are listed here during a rotation
            "auth-service", Set.of("LUXE_AUTH_JWT_PUBLISHED_KEY_FILES"),
            // behind the ingress controller the client's address is the one it forwards; production's own frontends
            "gateway", Set.of("LUXE_GATEWAY_TRUSTED_HOPS", "LUXE_CORS_ALLOWED_ORIGINS",
                    // realtime pods one by one through a headless Service; locally the gateway lists the instances
                    "LUXE_GATEWAY_DNS_DISCOVERY_REALTIME",
                    // the local overlay's smaller containers leave less memory beside the heap for bodies in flight
                    "LUXE_GATEWAY_BODY_BUFFER"));

    static Stream<String> everyKustomization() {
        return Stream.of("k8s/base", "k8s/overlays/local", "k8s/overlays/production", "k8s/infra/local",
                "k8s/infra/production", "k8s/observability");
    }

    static Stream<String> platformOverlays() {
        return Stream.of("k8s/overlays/local", "k8s/overlays/production");
    }

    @ParameterizedTest
    @MethodSource("everyKustomization")
    void everyObjectIsAKubernetesTypeOrAnOperatorResourceWithoutUnknownFields(String kustomization) {
        Manifests manifests = Manifests.render(kustomization);

        assertThat(manifests.objects()).as(kustomization).isNotEmpty();
        for (HasMetadata object : manifests.objects()) {
            assertThat(object.getMetadata().getName()).as("a %s without a name", object.getKind()).isNotBlank();
            if (object instanceof GenericKubernetesResource resource) {
                assertThat(resource.getApiVersion())
                        .as("%s is neither a Kubernetes type nor a resource of an operator we use",
                                Manifests.describe(object))
                        .isIn(OPERATOR_API_VERSIONS);
                assertThat(resource.getAdditionalProperties()).as("%s has no spec", Manifests.describe(object))
                        .containsKey("spec");
            } else {
                assertThat(Manifests.unknownFields(object))
                        .as("fields of %s that its Kubernetes model does not know", Manifests.describe(object))
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everyKustomization")
    void noSecretIsKeptInTheRepository(String kustomization) {
        assertThat(Manifests.render(kustomization).all(Secret.class))
                .as("Secrets are created in the cluster (docs/operations.md), never rendered from git")
                .isEmpty();
    }

    @Test
    void noKustomizationGeneratesOrDeclaresASecret() {
        assertThat(Project.files(path -> path.startsWith("k8s/") && path.endsWith(".yaml")))
                .isNotEmpty()
                .allSatisfy(file -> assertThat(Project.read(file))
                        .as(Project.root().relativize(file).toString())
                        .doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$")
                        .doesNotContain("secretGenerator"));
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void overlaysRunTheFiveServicesInOneNamespace(String overlay) {
        Manifests manifests = Manifests.render(overlay);

        assertThat(manifests.all(Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(LocalPlatform.SERVICES);
        assertThat(manifests.all(Namespace.class)).hasSize(1);
        String namespace = manifests.all(Namespace.class).get(0).getMetadata().getName();
        assertThat(manifests.objects()).filteredOn(object -> !(object instanceof Namespace))
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                        .as(Manifests.describe(object)).isEqualTo(namespace));
        assertThat(manifests.all(Deployment.class))
                .as("pods labelled as the platform's, which the default-deny NetworkPolicy selects")
                .allSatisfy(deployment -> assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .containsEntry(PART_OF, "luxe-drive-hub"));
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void everyContainerHasProbesOnTheActuatorGroupsAndSizedResources(String overlay) {
        for (Deployment deployment : Manifests.render(overlay).all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                String what = Manifests.describe(deployment) + ", container " + container.getName();
                assertHttpProbe(what + ", readiness probe", container.getReadinessProbe(),
                        "/actuator/health/readiness", container);
                assertHttpProbe(what + ", liveness probe", container.getLivenessProbe(),
                        "/actuator/health/liveness", container);
                assertHttpProbe(what + ", startup probe", container.getStartupProbe(),
                        "/actuator/health/liveness", container);

                assertThat(container.getResources()).as(what + ": resources").isNotNull();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as(what + ": requests").containsKeys("cpu", "memory");
                assertThat(limits).as(what + ": limits (the JVM sizes its heap from the memory limit)")
                        .containsKey("memory");
                assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                        .as(what + ": memory request within the limit")
                        .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void everyImageIsTheServicesOwnAtAVersion(String overlay) {
        for (Deployment deployment : Manifests.render(overlay).all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                String image = container.getImage();
                int lastSlash = image.lastIndexOf('/');
                int tagStart = image.lastIndexOf(':');
                assertThat(tagStart).as("%s has no tag", image).isGreaterThan(lastSlash);
                String repository = image.substring(0, tagStart);
                String tag = image.substring(tagStart + 1);
                assertThat(tag).as("%s: a version, never latest", image)
                        .isNotEqualTo("latest")
                        .matches("\\d+\\.\\d+\\.\\d+([-.+].*)?");
                assertThat(repository).as(Manifests.describe(deployment))
                        .endsWith("luxe-drive-hub/" + deployment.getMetadata().getName());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void everyPodRunsUnprivilegedOnAReadOnlyRootFilesystem(String overlay) {
        for (Deployment deployment : Manifests.render(overlay).all(Deployment.class)) {
            PodSpec pod = podSpec(deployment);
            PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext())
                    .orElseGet(PodSecurityContext::new);
            String what = Manifests.describe(deployment);
            assertThat(pod.getAutomountServiceAccountToken()).as(what + ": no service account token").isFalse();
            assertThat(pod.getEnableServiceLinks())
                    .as(what + ": no service links (AUTH_SERVICE_PORT=tcp://… would replace our own setting)")
                    .isFalse();
            assertThat(pod.getHostNetwork()).as(what + ": host network").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(what + ": host PID").isNotEqualTo(Boolean.TRUE);

            for (Container container : podSpec(deployment).getContainers()) {
                String where = what + ", container " + container.getName();
                SecurityContext context = Optional.ofNullable(container.getSecurityContext())
                        .orElseGet(SecurityContext::new);
                assertThat(firstSet(context.getRunAsNonRoot(), podContext.getRunAsNonRoot()))
                        .as(where + ": runAsNonRoot").isTrue();
                assertThat(firstSet(context.getRunAsUser(), podContext.getRunAsUser()))
                        .as(where + ": runAsUser").isNotEqualTo(0L);
                assertThat(context.getReadOnlyRootFilesystem()).as(where + ": readOnlyRootFilesystem").isTrue();
                assertThat(context.getAllowPrivilegeEscalation()).as(where + ": allowPrivilegeEscalation")
                        .isFalse();
                assertThat(context.getPrivileged()).as(where + ": privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(context.getCapabilities()).as(where + ": capabilities").isNotNull();
                assertThat(context.getCapabilities().getDrop()).as(where + ": capabilities dropped").contains("ALL");
                assertThat(context.getCapabilities().getAdd()).as(where + ": capabilities added").isNullOrEmpty();
                SeccompProfile seccomp = firstSet(context.getSeccompProfile(), podContext.getSeccompProfile());
                assertThat(seccomp).as(where + ": seccomp profile").isNotNull();
                assertThat(seccomp.getType()).as(where + ": seccomp profile").isEqualTo("RuntimeDefault");
                assertThat(writableTmp(pod, container)).as(where + ": a writable /tmp (emptyDir)").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void everyDeploymentSpreadsItsPodsRollsWithoutLossAndDrainsBeforeStopping(String overlay) {
        for (Deployment deployment : Manifests.render(overlay).all(Deployment.class)) {
            String what = Manifests.describe(deployment);
            PodSpec pod = podSpec(deployment);
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();

            assertThat(deployment.getSpec().getReplicas()).as(what + ": replicas are the autoscaler's").isNull();
            assertThat(pod.getTopologySpreadConstraints()).as(what + ": topology spread").isNotEmpty()
                    .allSatisfy(constraint -> assertThat(selects(constraint.getLabelSelector(), labels))
                            .as(what + ": a spread constraint that counts its own pods").isTrue());
            IntOrString maxUnavailable = deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable();
            assertThat(maxUnavailable).as(what + ": maxUnavailable").isNotNull();
            assertThat(maxUnavailable.getIntVal()).as(what + ": a rollout keeps every replica serving").isEqualTo(0);
            assertThat(pod.getTerminationGracePeriodSeconds()).as(what + ": time for the drain and the shutdown")
                    .isGreaterThanOrEqualTo(30L);
            for (Container container : pod.getContainers()) {
                assertThat(container.getLifecycle()).as(what + ": preStop drain").isNotNull();
                assertThat(container.getLifecycle().getPreStop()).as(what + ": preStop drain").isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void everyDeploymentHasAnAutoscalerADisruptionBudgetAndAService(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(selects(deployment.getSpec().getSelector(), labels)).as(name + ": selector").isTrue();

            List<HorizontalPodAutoscaler> autoscalers = manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && hpa.getSpec().getScaleTargetRef().getName().equals(name))
                    .toList();
            assertThat(autoscalers).as(name + ": one HorizontalPodAutoscaler").hasSize(1);
            HorizontalPodAutoscaler autoscaler = autoscalers.get(0);
            assertThat(autoscaler.getSpec().getMinReplicas()).as(name + ": minReplicas").isGreaterThanOrEqualTo(1);
            assertThat(autoscaler.getSpec().getMaxReplicas()).as(name + ": maxReplicas")
                    .isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
            assertThat(list(autoscaler.getSpec().getMetrics())).as(name + ": what it scales on").isNotEmpty();

            assertThat(manifests.all(PodDisruptionBudget.class))
                    .filteredOn(pdb -> selects(pdb.getSpec().getSelector(), labels))
                    .as(name + ": one PodDisruptionBudget").hasSize(1);

            List<Service> services = manifests.all(Service.class).stream()
                    .filter(service -> selects(service.getSpec().getSelector(), labels))
                    .toList();
            assertThat(services).as(name + ": a Service").isNotEmpty();
            Container container = podSpec(deployment).getContainers().get(0);
            for (Service service : services) {
                assertThat(service.getSpec().getType()).as(Manifests.describe(service) + ": inside the cluster only")
                        .isIn(null, "ClusterIP");
                for (ServicePort port : list(service.getSpec().getPorts())) {
                    assertThat(containerPort(container, port.getTargetPort()))
                            .as("%s: port %s leads to a port of %s", Manifests.describe(service), port.getName(), name)
                            .isPresent();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void realtimeServiceScalesDownOnePodAtATime(String overlay) {
        HorizontalPodAutoscaler autoscaler = Manifests.render(overlay).all(HorizontalPodAutoscaler.class).stream()
                .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals("realtime-service"))
                .findFirst().orElseThrow();
        var scaleDown = autoscaler.getSpec().getBehavior().getScaleDown();
        // each pod holds thousands of sockets that reconnect to the others at once
        assertThat(list(scaleDown.getPolicies())).as("realtime-service's scale-down policies").isNotEmpty()
                .allSatisfy(policy -> {
                    assertThat(policy.getType()).isEqualTo("Pods");
                    assertThat(policy.getValue()).isEqualTo(1);
                });
        assertThat(scaleDown.getSelectPolicy()).as("the slowest policy, or the default Max").isIn(null, "Max", "Min");
    }

    @Test
    void eachProductionDatabaseTakesThePoolsOfItsServicesLargestScaleOut() {
        Manifests platform = Manifests.render("k8s/overlays/production");
        Manifests databases = Manifests.render("k8s/infra/production");
        int poolSize = 10;
        for (HorizontalPodAutoscaler autoscaler : platform.all(HorizontalPodAutoscaler.class)) {
            String service = autoscaler.getSpec().getScaleTargetRef().getName();
            if (service.equals("gateway")) {
                continue;
            }
            String cluster = service.replace("-service", "-db");
            GenericKubernetesResource database = databases.all(GenericKubernetesResource.class).stream()
                    .filter(resource -> resource.getKind().equals("Cluster")
                            && resource.getMetadata().getName().equals(cluster))
                    .findFirst().orElseThrow(() -> new AssertionError("no database cluster " + cluster));
            Object maxConnections = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) database.getAdditionalProperties()
                    .get("spec")).get("postgresql")).get("parameters")).get("max_connections");
            // the largest scale-out, one more pod during a rolling update, and room for migrations and backups
            assertThat(Integer.parseInt(String.valueOf(maxConnections))).as("%s's max_connections", cluster)
                    .isGreaterThanOrEqualTo((autoscaler.getSpec().getMaxReplicas() + 1) * poolSize + 10);
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void theIngressLeadsOnlyToTheGateway(String overlay) {
        List<Ingress> ingresses = Manifests.render(overlay).all(Ingress.class);

        assertThat(ingresses).isNotEmpty();
        for (Ingress ingress : ingresses) {
            assertThat(ingress.getSpec().getDefaultBackend()).as(Manifests.describe(ingress)).isNull();
            assertThat(list(ingress.getSpec().getRules())).as(Manifests.describe(ingress)).isNotEmpty();
            for (IngressRule rule : list(ingress.getSpec().getRules())) {
                for (HTTPIngressPath path : list(rule.getHttp().getPaths())) {
                    assertThat(path.getBackend().getService().getName())
                            .as("%s, path %s", Manifests.describe(ingress), path.getPath())
                            .isEqualTo("gateway");
                }
            }
        }
    }

    /**
     * The gateway's limits cost a Redis round trip and count only what it routes; a flood from one address (forged
     * tokens, unrouted paths, {@code /health}) is dropped by the ingress controller before it reaches the JVM.
     */
    @ParameterizedTest
    @MethodSource("platformOverlays")
    void everyWayInCapsTheRequestsOfOneAddress(String overlay) {
        for (Ingress ingress : Manifests.render(overlay).all(Ingress.class)) {
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            assertThat(annotations).as(Manifests.describe(ingress))
                    .containsKeys("nginx.ingress.kubernetes.io/limit-rps",
                            "nginx.ingress.kubernetes.io/limit-burst-multiplier");
            assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/limit-rps")))
                    .as("%s: requests a second from one address", Manifests.describe(ingress))
                    .isPositive();
            assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/limit-burst-multiplier")))
                    .as("%s: burst multiplier", Manifests.describe(ingress))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void networkPoliciesDenyEverythingThatIsNotAllowed(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);

        List<NetworkPolicy> denyAll = policies.stream()
                .filter(policy -> list(policy.getSpec().getPolicyTypes()).containsAll(List.of("Ingress", "Egress"))
                        && list(policy.getSpec().getIngress()).isEmpty()
                        && list(policy.getSpec().getEgress()).isEmpty())
                .toList();
        assertThat(denyAll).as("a default-deny NetworkPolicy").isNotEmpty();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(denyAll).as(name + " is under the default deny")
                    .anySatisfy(policy -> assertThat(selectsOrAll(policy.getSpec().getPodSelector(), labels)).isTrue());
            assertThat(policies).as(name + " has rules of its own")
                    .anySatisfy(policy -> assertThat(map(policy.getSpec().getPodSelector().getMatchLabels()))
                            .isEqualTo(Map.of(NAME, name)));
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void onlyTheGatewayIsReachableFromOutsideTheNamespace(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Set<Integer> actuatorPorts = actuatorPorts(manifests);

        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            for (NetworkPolicyIngressRule rule : list(policy.getSpec().getIngress())) {
                List<NetworkPolicyPeer> peers = list(rule.getFrom());
                boolean fromAnywhere = peers.isEmpty();
                for (NetworkPolicyPeer peer : fromAnywhere ? List.of(new NetworkPolicyPeer()) : peers) {
                    boolean outside = fromAnywhere || peer.getNamespaceSelector() != null || peer.getIpBlock() != null;
                    if (!outside) {
                        continue;
                    }
                    if (isMonitoring(peer)) {
                        assertThat(ports(rule)).as("%s: monitoring reaches only actuator ports",
                                Manifests.describe(policy)).isNotEmpty().isSubsetOf(actuatorPorts);
                    } else {
                        assertThat(map(policy.getSpec().getPodSelector().getMatchLabels()))
                                .as("%s lets traffic in from outside the namespace: only the gateway may",
                                        Manifests.describe(policy))
                                .isEqualTo(Map.of(NAME, "gateway"));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void eachServiceGetsTheSettingsTheLocalPlatformGives(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Map<String, Set<String>> local = LocalPlatform.environmentNames();

        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Set<String> given = new TreeSet<>();
            for (Container container : podSpec(deployment).getContainers()) {
                given.addAll(settings(manifests, name, container).keySet());
            }
            given.removeAll(LocalPlatform.passedThrough());
            given.removeAll(CLUSTER_ONLY_SETTINGS.getOrDefault(name, Set.of()));

            assertThat(given).as("%s: the settings of %s, compared with the local platform's", overlay, name)
                    .containsExactlyInAnyOrderElementsOf(local.get(name));
        }
    }

    @ParameterizedTest
    @MethodSource("platformOverlays")
    void theGatewayRunsWithTheCollectorItWasMeasuredWith(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Deployment gateway = manifests.all(Deployment.class).stream()
                .filter(deployment -> deployment.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
        String options = null;
        for (Container container : podSpec(gateway).getContainers()) {
            options = settings(manifests, "gateway", container).getOrDefault("JAVA_TOOL_OPTIONS", options);
        }

        GatewayJvmFlags.assertMeasuredCollectorAndImageFlags(overlay, options);
    }

    /**
     * The gateway finds realtime pods one by one (ADR 17): the name it resolves is a headless Service selecting the
     * realtime pods, on their Socket.IO port, and nothing else pins sockets by client address.
     */
    @ParameterizedTest
    @MethodSource("platformOverlays")
    void theGatewayResolvesEveryRealtimePodThroughAHeadlessService(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Deployment gateway = manifests.named(Deployment.class, "gateway").orElseThrow();
        String target = settings(manifests, "gateway", podSpec(gateway).getContainers().get(0))
                .get("LUXE_GATEWAY_DNS_DISCOVERY_REALTIME");
        assertThat(target).as("gateway: LUXE_GATEWAY_DNS_DISCOVERY_REALTIME").matches("[a-z0-9-]+:\\d+");
        String serviceName = target.substring(0, target.indexOf(':'));
        int port = Integer.parseInt(target.substring(target.indexOf(':') + 1));

        Service headless = manifests.named(Service.class, serviceName).orElseThrow(
                () -> new AssertionError("no Service " + serviceName));
        assertThat(headless.getSpec().getClusterIP()).as(serviceName + ": headless").isEqualTo("None");
        Deployment realtime = manifests.named(Deployment.class, "realtime-service").orElseThrow();
        assertThat(selects(headless.getSpec().getSelector(),
                realtime.getSpec().getTemplate().getMetadata().getLabels())).as(serviceName + ": realtime pods").isTrue();
        ServicePort socketPort = list(headless.getSpec().getPorts()).stream()
                .filter(servicePort -> servicePort.getPort() == port).findFirst()
                .orElseThrow(() -> new AssertionError(serviceName + " has no port " + port));
        assertThat(containerPort(podSpec(realtime).getContainers().get(0), socketPort.getTargetPort()))
                .hasValueSatisfying(containerPort -> assertThat(containerPort.getName()).isEqualTo("socketio"));

        assertThat(manifests.all(Service.class)).as("no Service pins clients by address")
                .allSatisfy(service -> assertThat(service.getSpec().getSessionAffinity()).isIn(null, "None"));
    }

    /** A container's environment as it starts: its ConfigMaps' entries, then its own {@code env} over them. */
    private static Map<String, String> settings(Manifests manifests, String deployment, Container container) {
        Map<String, String> settings = new HashMap<>();
        for (EnvFromSource source : list(container.getEnvFrom())) {
            assertThat(source.getSecretRef()).as("%s: settings from a whole Secret cannot be checked", deployment)
                    .isNull();
            String configMap = source.getConfigMapRef().getName();
            settings.putAll(manifests.named(ConfigMap.class, configMap)
                    .orElseThrow(() -> new AssertionError(deployment + " reads a missing ConfigMap " + configMap))
                    .getData());
        }
        list(container.getEnv()).forEach(env -> settings.put(env.getName(), env.getValue()));
        return settings;
    }

    private static PodSpec podSpec(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static void assertHttpProbe(String what, Probe probe, String path, Container container) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + ": an HTTP check").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + ": path").isEqualTo(path);
        assertThat(containerPort(container, probe.getHttpGet().getPort()))
                .as(what + ": a port the container declares").isPresent();
    }

    private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
        return list(container.getPorts()).stream()
                .filter(candidate -> port.getStrVal() != null
                        ? port.getStrVal().equals(candidate.getName())
                        : port.getIntVal().equals(candidate.getContainerPort()))
                .findFirst();
    }

    /** The ports the actuator answers on: those of the containers' readiness probes. */
    private static Set<Integer> actuatorPorts(Manifests manifests) {
        Set<Integer> ports = new HashSet<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : podSpec(deployment).getContainers()) {
                containerPort(container, container.getReadinessProbe().getHttpGet().getPort())
                        .map(ContainerPort::getContainerPort)
                        .ifPresent(ports::add);
            }
        }
        return ports;
    }

    private static Set<Integer> ports(NetworkPolicyIngressRule rule) {
        Set<Integer> ports = new HashSet<>();
        for (NetworkPolicyPort port : list(rule.getPorts())) {
            assertThat(port.getPort()).as("a rule for every port").isNotNull();
            assertThat(port.getPort().getIntVal()).as("a port by number").isNotNull();
            ports.add(port.getPort().getIntVal());
        }
        return ports;
    }

    private static boolean isMonitoring(NetworkPolicyPeer peer) {
        return peer.getIpBlock() == null && peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                && Map.of(NAMESPACE_NAME, MONITORING_NAMESPACE)
                        .equals(map(peer.getNamespaceSelector().getMatchLabels()));
    }

    private static boolean writableTmp(PodSpec pod, Container container) {
        List<String> emptyDirs = new ArrayList<>();
        for (Volume volume : list(pod.getVolumes())) {
            if (volume.getEmptyDir() != null) {
                emptyDirs.add(volume.getName());
            }
        }
        for (VolumeMount mount : list(container.getVolumeMounts())) {
            if (mount.getMountPath().equals("/tmp") && emptyDirs.contains(mount.getName())
                    && !Boolean.TRUE.equals(mount.getReadOnly())) {
                return true;
            }
        }
        return false;
    }

    /** A non-empty selector of plain labels that these labels match. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && list(selector.getMatchExpressions()).isEmpty()
                && selects(selector.getMatchLabels(), labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && map(labels).entrySet().containsAll(selector.entrySet());
    }

    /** As {@link #selects(LabelSelector, Map)}, where an empty selector selects every pod (a NetworkPolicy's). */
    private static boolean selectsOrAll(LabelSelector selector, Map<String, String> labels) {
        boolean empty = selector == null
                || (map(selector.getMatchLabels()).isEmpty() && list(selector.getMatchExpressions()).isEmpty());
        return empty || selects(selector, labels);
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : values;
    }

    @SafeVarargs
    private static <T> T firstSet(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
