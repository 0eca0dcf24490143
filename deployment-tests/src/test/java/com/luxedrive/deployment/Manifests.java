package com.luxedrive.deployment;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kustomization as {@code kubectl kustomize} renders it, read into fabric8's typed Kubernetes objects; resources
 * of operators (Strimzi, CloudNativePG, Prometheus) become {@link GenericKubernetesResource}s.
 */
record Manifests(String kustomization, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Rendering is deterministic: each kustomization once per test run. */
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Manifests render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, Manifests::renderNow);
    }

    private static Manifests renderNow(String kustomization) {
        String yaml = Tool.KUBECTL.output("kustomize", kustomization);
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<Object> documents = new ArrayList<>();
        if (parsed instanceof KubernetesResourceList<?> list) {
            documents.addAll(list.getItems());
        } else if (parsed instanceof Collection<?> many) {
            documents.addAll(many);
        } else if (parsed != null) {
            documents.add(parsed);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : documents) {
            assertThat(document).as("a document of %s that is no Kubernetes object", kustomization)
                    .isInstanceOf(HasMetadata.class);
            objects.add((HasMetadata) document);
        }
        return new Manifests(kustomization, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    /**
     * Fields of a typed object that its model does not know: fabric8 keeps them aside instead of failing, so a
     * misspelt or misplaced field would otherwise pass unnoticed (and be dropped by the API server).
     */
    static List<String> unknownFields(KubernetesResource object) {
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(object, object.getClass().getSimpleName(), unknown);
        return unknown;
    }

    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> collectUnknownFields(child, path + "." + key, unknown));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object child : collection) {
                collectUnknownFields(child, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (!(value instanceof KubernetesResource) || value instanceof GenericKubernetesResource) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (invoke(getter, value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else if (isProperty(getter)) {
                collectUnknownFields(invoke(getter, value), path + "." + propertyName(getter), unknown);
            }
        }
    }

    /** A model's properties are its getters annotated with Jackson's {@code @JsonProperty}. */
    private static boolean isProperty(Method getter) {
        return getter.getName().startsWith("get") && Arrays.stream(getter.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().getSimpleName().equals("JsonProperty"));
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
