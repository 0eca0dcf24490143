package com.luxedrive.web;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns every refusal into {@code application/problem+json}: Spring MVC's own (400, 404, 405, 413, 415, …),
 * Bean Validation failures with their field errors, and {@link ApiException}s. Anything else is a 500 logged here.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> apiException(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.type());
        e.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return ResponseEntity.status(e.status()).headers(headers).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + e.getName() + "' has an invalid value");
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        return validationProblem(e.getConstraintViolations().stream()
                .map(violation -> fieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList());
    }

    /**
     * The database cannot be reached (down, restarting, its connections cut): nothing was written, and trying again
     * shortly is the client's best move, so a 503 like the gateway's for a service that is down — unless the
     * connection went during the commit, when the change may have been made and the 503 says so, without
     * {@code Retry-After}. Anything else unexpected is a bug of ours: a 500, logged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the client went away mid-response (a download cancelled): no one to answer, and no bug of ours
            log.debug("client disconnected: {}", e.toString());
            return null;
        }
        if (databaseUnreachable(e) && lostDuringCommit(e)) {
            // the server may have made the commit durable before the connection went: a retry could do it twice
            log.warn("the database connection was lost during a commit: {}", e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service lost its database while saving: the change may have been made. Check before trying "
                            + "again.");
            problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
        if (databaseUnreachable(e)) {
            log.warn("the database is unreachable: {}", e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database at the moment; nothing was changed. Try again shortly.");
            problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem);
        }
        if (unstorableValue(e)) {
            log.info("a value of the request could not be stored: {}", e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "A value of the request cannot be stored: it has a character that is not allowed (such as "
                            + "U+0000) or is out of range.");
            problem.setType(ProblemTypes.VALIDATION);
            return ResponseEntity.badRequest().body(problem);
        }
        log.error("unhandled error", e);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side."));
    }

    /**
     * Whether the database refused a value the client sent (SQLSTATE class 22, "data exception": a NUL character,
     * a number or date out of range…) that validation let through. Division by zero (22012) is ours, not the
     * client's.
     */
    static boolean unstorableValue(Throwable failure) {
        return causes(failure).anyMatch(cause -> sqlState(cause).startsWith("22")
                && !sqlState(cause).equals("22012"));
    }

    /**
     * Whether the failure comes from a database connection: Spring's translations of it, JDBC's connection
     * exceptions, SQLSTATE class 08 (connection exception) or 57P0x (the server shutting down or starting up).
     */
    static boolean databaseUnreachable(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
                || sqlState(cause).startsWith("08") || sqlState(cause).startsWith("57P0"));
    }

    /**
     * Whether the connection failed in the commit itself ({@code Connection.commit} on the failure's stack), not in a
     * statement before it: the only moment a transaction's outcome is unknown to the client.
     */
    static boolean lostDuringCommit(Throwable failure) {
        return causes(failure).anyMatch(cause -> java.util.Arrays.stream(cause.getStackTrace()).anyMatch(frame ->
                frame.getMethodName().equals("commit") && frame.getClassName().endsWith("Connection")));
    }

    /**
     * The failure and its causes, each once, with the original failure a failed rollback keeps aside (a broken
     * connection fails the statement, then the rollback: the rollback's failure is what is thrown).
     */
    private static Stream<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (seen.add(next)) {
                if (next.getCause() != null) {
                    pending.push(next.getCause());
                }
                if (next instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                    pending.push(rollback.getApplicationException());
                }
            }
        }
        return seen.stream();
    }

    private static String sqlState(Throwable failure) {
        return failure instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = validationProblem(e.getBindingResult().getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), error.getDefaultMessage()))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        ProblemDetail problem = validationProblem(e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> fieldError(error instanceof FieldError field ? field.getField()
                                : result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not valid JSON of the expected shape.");
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        if (e.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(fieldError(path(json), json instanceof UnrecognizedPropertyException
                    ? "is not a field of this request" : "has a value of the wrong type or format")));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** {@code vehicleIds[2]}, {@code address.city}: where in the body the bad value is. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A body beyond the servlet's multipart limit, refused while it is read. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                e.getMaxUploadSize() > 0 ? "The upload is larger than " + e.getMaxUploadSize() + " bytes."
                        : "The upload is larger than allowed.");
        problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }

    /**
     * A multipart body the container cannot parse (cut short, no boundary, a part without its headers): the client's
     * mistake, refused before anything is read into the service. A body too large stays a 413 (above).
     */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException e) {
        log.info("a multipart body could not be parsed: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The multipart body cannot be read: it is cut short or its boundary is missing.");
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + e.getContentType() + " is not accepted here; use one of " + e.getSupportedMediaTypes()
                        + ".");
        problem.setType(ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem);
    }

    private static ProblemDetail validationProblem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has invalid fields.");
        problem.setType(ProblemTypes.VALIDATION);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** One entry of a problem's {@code errors} list. */
    public static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field == null ? "" : field, "message", message == null ? "invalid" : message);
    }
}
