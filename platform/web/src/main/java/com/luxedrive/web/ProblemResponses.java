package com.luxedrive.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.Map;

/**
 * Adds to every operation of a service's OpenAPI document the RFC 9457 problems it can answer, with the
 * {@code Problem} schema: 400/401/403/500 everywhere, 404 where the path names an object, 409 for writes,
 * 413/415 for uploads, 429 where a limit applies. An operation's own documented response wins.
 */
class ProblemResponses implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SCHEMA_REF = "#/components/schemas/Problem";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.components(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas("Problem", problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method, operation)));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        add(operation, "400", "The request is malformed or has invalid fields (listed in `errors`).");
        add(operation, "401", "No valid access token (or, for login, wrong credentials).");
        add(operation, "403", "The caller's role may not do this.");
        if (path.contains("{")) {
            add(operation, "404", "No such object, or not the caller's to see.");
        }
        if (method != PathItem.HttpMethod.GET) {
            add(operation, "409", "The object's state or a uniqueness rule refuses the change.");
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("multipart/form-data")) {
            add(operation, "413", "The file is larger than allowed.");
            add(operation, "415", "The file's content is not an accepted type.");
        }
        add(operation, "429", "Too many requests; retry after `Retry-After` seconds.");
        add(operation, "500", "Something went wrong on the server's side.");
    }

    private static void add(Operation operation, String status, String description) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref(SCHEMA_REF)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.setProperties(Map.of("field", new StringSchema(), "message", new StringSchema()));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details.");
        problem.setProperties(new java.util.LinkedHashMap<>(Map.of(
                "type", new StringSchema().format("uri").example(ProblemTypes.VALIDATION.toString()),
                "title", new StringSchema(),
                "status", new IntegerSchema(),
                "detail", new StringSchema(),
                "instance", new StringSchema().format("uri-reference"),
                "errors", new ArraySchema().items(error))));
        return problem;
    }
}
