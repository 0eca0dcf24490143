package com.luxedrive.systemtests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every operation a service documents in its OpenAPI document ({@code /v3/api-docs}): the route list the hostile
 * input tests walk, so a new endpoint is attacked the day it appears.
 */
record OpenApiRoutes(String service, String baseUrl, List<Operation> operations) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** One operation; {@code bodyProperties} is the JSON body's properties by name and type, when it takes one. */
    record Operation(String service, String method, String path, boolean multipart,
                     Map<String, String> bodyProperties, boolean jsonBody) {

        String key() {
            return method + " " + path;
        }

        /** The path with each {parameter} replaced by what {@code value} gives for its name. */
        String path(java.util.function.Function<String, String> value) {
            Matcher parameter = PARAMETER.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (parameter.find()) {
                parameter.appendReplacement(filled, Matcher.quoteReplacement(value.apply(parameter.group(1))));
            }
            parameter.appendTail(filled);
            return filled.toString();
        }

        boolean hasPathParameters() {
            return path.contains("{");
        }

        @Override
        public String toString() {
            return service + ": " + key();
        }
    }

    static OpenApiRoutes read(String service, String baseUrl) {
        JsonNode document;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " serves no OpenAPI document: " + response.statusCode());
            }
            document = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode content = operation.getValue().path("requestBody").path("content");
            JsonNode json = content.path("application/json").path("schema");
            operations.add(new Operation(service, operation.getKey().toUpperCase(java.util.Locale.ROOT),
                    path.getKey(), content.has("multipart/form-data"), properties(document, json),
                    !json.isMissingNode()));
        }));
        return new OpenApiRoutes(service, baseUrl, List.copyOf(operations));
    }

    private static Map<String, String> properties(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
            resolved = document.path("components").path("schemas").path(name);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        resolved.path("properties").properties().forEach(property -> properties.put(property.getKey(),
                property.getValue().path("type").asString("object")));
        return properties;
    }
}
