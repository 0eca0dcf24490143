package com.luxedrive.vehicle.documents;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Entity
@Table(name = "documents")
class Document {

    static final String PENDING = "pending";

    @Id
    private UUID id;
    private UUID vehicleId;
    private String documentType;
    private String fileName;
    private String contentType;
    private long sizeBytes;
    private String sha256;
    private String contentRef;
    private String status;
    private String rejectedReason;
    private LocalDate expiresOn;
    private UUID uploadedBy;
    /** The vehicle's owner when it was uploaded: the only client who sees it, also after a transfer. */
    private UUID ownerId;
    private UUID reviewedBy;
    private Instant reviewedAt;
    private Instant createdAt;
    private Instant updatedAt;

    protected Document() {
    }

    Document(UUID vehicleId, UUID ownerId, String documentType, String fileName, String contentType,
             ContentStore.StoredContent content, LocalDate expiresOn, UUID uploadedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.vehicleId = vehicleId;
        this.documentType = documentType;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sizeBytes = content.sizeBytes();
        this.sha256 = content.sha256();
        this.contentRef = content.ref();
        this.status = PENDING;
        this.expiresOn = expiresOn;
        this.uploadedBy = uploadedBy;
        this.ownerId = ownerId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    boolean isPending() {
        return PENDING.equals(status);
    }

    void approve(UUID reviewer, Instant now) {
        review("approved", null, reviewer, now);
    }

    void reject(String reason, UUID reviewer, Instant now) {
        review("rejected", reason, reviewer, now);
    }

    private void review(String outcome, String reason, UUID reviewer, Instant now) {
        status = outcome;
        rejectedReason = reason;
        reviewedBy = reviewer;
        reviewedAt = now;
        updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    UUID vehicleId() {
        return vehicleId;
    }

    String documentType() {
        return documentType;
    }

    String contentRef() {
        return contentRef;
    }

    String status() {
        return status;
    }

    DocumentView view() {
        return new DocumentView(id, vehicleId, documentType, fileName, contentType, sizeBytes, sha256, status,
                rejectedReason, expiresOn, uploadedBy, reviewedBy, reviewedAt, createdAt, updatedAt);
    }

    /** What leaves the service: the metadata; the content has its own route. */
    record DocumentView(UUID id, UUID vehicleId, String documentType, String fileName, String contentType,
                        long sizeBytes, String sha256, String status, String rejectedReason, LocalDate expiresOn,
                        UUID uploadedBy, UUID reviewedBy, Instant reviewedAt, Instant createdAt, Instant updatedAt) {
    }
}
