package com.luxedrive.vehicle.documents;

import com.luxedrive.security.LuxePrincipal;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.luxedrive.web.TextPatterns.HAS_TEXT;

@RestController
class DocumentController {

    private final DocumentService documents;

    DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    /** Multipart {@code file} and {@code documentType}; {@code expiresOn} (ISO date) for types that expire. */
    @PostMapping(path = "/api/vehicles/{vehicleId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Document.DocumentView upload(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID vehicleId,
                                 @RequestParam("file") MultipartFile file,
                                 @RequestParam @Pattern(regexp = DocumentService.TYPES) String documentType,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate expiresOn) {
        return documents.upload(user, vehicleId, documentType, expiresOn, file);
    }

    @GetMapping("/api/vehicles/{vehicleId}/documents")
    List<Document.DocumentView> ofVehicle(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID vehicleId) {
        return documents.ofVehicle(user, vehicleId);
    }

    @GetMapping("/api/documents/{id}")
    Document.DocumentView one(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID id) {
        return documents.one(user, id);
    }

    /** Streams the bytes with the detected type; always as an attachment, never rendered inline by the browser. */
    @GetMapping("/api/documents/{id}/content")
    void content(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        documents.download(user, id, document -> {
            response.setContentType(document.contentType());
            response.setContentLengthLong(document.sizeBytes());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, FileNames.attachment(document.fileName()));
            response.setHeader(HttpHeaders.ETAG, "\"" + document.sha256() + "\"");
            return response.getOutputStream();
        });
    }

    @PostMapping("/api/documents/{id}/approve")
    Document.DocumentView approve(@AuthenticationPrincipal LuxePrincipal staff, @PathVariable UUID id) {
        return documents.approve(staff, id);
    }

    @PostMapping("/api/documents/{id}/reject")
    Document.DocumentView reject(@AuthenticationPrincipal LuxePrincipal staff, @PathVariable UUID id,
                                 @Valid @RequestBody Rejection rejection) {
        return documents.reject(staff, id, rejection.reason());
    }

    record Rejection(@NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 500)
                     String reason) {
    }
}
