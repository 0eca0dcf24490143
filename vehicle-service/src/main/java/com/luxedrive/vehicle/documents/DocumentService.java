package com.luxedrive.vehicle.documents;

import com.luxedrive.events.vehicles.DocumentApproved;
import com.luxedrive.events.vehicles.DocumentRejected;
import com.luxedrive.events.vehicles.DocumentUploaded;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.vehicle.vehicles.VehicleAccess;
import com.luxedrive.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Documents of a vehicle: upload by the owner or staff, review by staff, download by the owner or staff. */
@Service
class DocumentService {

    static final String TYPES = "registration|insurance|inspection|warranty|invoice|other";
    static final Set<String> TYPES_WITH_EXPIRY = Set.of("registration", "insurance", "inspection", "warranty");

    private final DocumentRepository documents;
    private final VehicleAccess vehicles;
    private final ContentStore store;
    private final ContentSniffer sniffer;
    private final OutboxWriter outbox;
    private final DocumentProperties properties;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    DocumentService(DocumentRepository documents, VehicleAccess vehicles, ContentStore store, ContentSniffer sniffer,
                    OutboxWriter outbox, DocumentProperties properties, Clock clock,
                    PlatformTransactionManager transactions) {
        this.documents = documents;
        this.vehicles = vehicles;
        this.store = store;
        this.sniffer = sniffer;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Checks the name, the size and what the bytes are before anything is kept; the content, its row and the event
     * then commit together, so a refused or failed upload leaves nothing behind.
     */
    @Transactional
    Document.DocumentView upload(LuxePrincipal user, UUID vehicleId, String documentType, LocalDate expiresOn,
                                 MultipartFile file) {
        VehicleAccess.VehicleRef vehicle = vehicles.keptVisibleTo(user, vehicleId);
        String fileName = FileNames.sanitised(file.getOriginalFilename()).orElseThrow(() ->
                new ApiException.InvalidField("file", "must have a plain file name (no path, no control characters, at most "
                        + FileNames.MAX_LENGTH + " characters)"));
        if (expiresOn != null && !TYPES_WITH_EXPIRY.contains(documentType)) {
            throw new ApiException.InvalidField("expiresOn", "a document of type " + documentType
                    + " has no expiry date");
        }
        // one upload at a time per vehicle, so concurrent ones cannot all pass the count and the duplicate check
        documents.serializeUploads(vehicle.id());
        if (documents.countByVehicleIdAndOwnerIdAndStatus(vehicle.id(), vehicle.ownerId(), Document.PENDING)
                >= properties.maxPending()) {
            throw new DocumentProblems.TooManyPending(properties.maxPending());
        }
        long maxBytes = properties.maxSize().toBytes();
        if (file.isEmpty()) {
            throw new ApiException.InvalidField("file", "must not be empty");
        }
        if (file.getSize() > maxBytes) {
            throw new DocumentProblems.TooLarge(maxBytes);
        }
        ContentStore.StoredContent content;
        String contentType;
        try (InputStream in = file.getInputStream()) {
            byte[] head = in.readNBytes(ContentSniffer.HEAD_BYTES);
            contentType = sniffer.detect(head);
            if (!ContentSniffer.ACCEPTED.contains(contentType)) {
                throw new DocumentProblems.UnsupportedContent(contentType);
            }
            content = store.write(new SequenceInputStream(new ByteArrayInputStream(head), in), maxBytes);
        } catch (ContentStore.TooLarge e) {
            throw new DocumentProblems.TooLarge(maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file", e);
        }
        if (documents.existsByVehicleIdAndOwnerIdAndSha256AndStatusNot(vehicle.id(), vehicle.ownerId(),
                content.sha256(), "rejected")) {
            // the content just written goes with this transaction's rollback
            throw new DocumentProblems.Duplicate();
        }
        Instant now = clock.instant();
        Document document = documents.save(new Document(vehicle.id(), vehicle.ownerId(), documentType, fileName,
                contentType, content, expiresOn, user.id(), now));
        outbox.append(new DocumentUploaded(document.id(), vehicle.id(), vehicle.ownerId(), documentType, fileName,
                contentType, content.sizeBytes(), user.id(), now));
        return document.view();
    }

    @Transactional(readOnly = true)
    List<Document.DocumentView> ofVehicle(LuxePrincipal user, UUID vehicleId) {
        VehicleAccess.VehicleRef vehicle = vehicles.visibleTo(user, vehicleId);
        List<Document> found = user.isStaff() ? documents.findByVehicleIdOrderByCreatedAtDesc(vehicle.id())
                : documents.findByVehicleIdAndOwnerIdOrderByCreatedAtDesc(vehicle.id(), user.id());
        return found.stream().map(Document::view).toList();
    }

    @Transactional(readOnly = true)
    Document.DocumentView one(LuxePrincipal user, UUID documentId) {
        return visible(user, documents.findById(documentId).orElse(null)).view();
    }

    /**
     * Streams the content to what {@code open} returns once it has seen the metadata (to set the headers). The
     * metadata is read in a transaction of its own and the content after it, a chunk at a time: a download as slow
     * as its client holds no database connection, so slow downloads cannot take the pool from every other request.
     */
    void download(LuxePrincipal user, UUID documentId, ContentSink open) throws IOException {
        Document document = readOnly.execute(status -> visible(user, documents.findById(documentId).orElse(null)));
        try {
            store.copy(document.contentRef(), () -> open.open(document.view()));
        } catch (ContentStore.Gone removedMeanwhile) {
            throw new ApiException.NotFound("document");
        }
    }

    @Transactional
    Document.DocumentView approve(LuxePrincipal staff, UUID documentId) {
        Document document = pendingForReview(documentId);
        Instant now = clock.instant();
        document.approve(staff.id(), now);
        outbox.append(new DocumentApproved(document.id(), document.vehicleId(), document.ownerId(),
                document.documentType(), staff.id(), now));
        return document.view();
    }

    @Transactional
    Document.DocumentView reject(LuxePrincipal staff, UUID documentId, String reason) {
        Document document = pendingForReview(documentId);
        Instant now = clock.instant();
        document.reject(reason.strip(), staff.id(), now);
        outbox.append(new DocumentRejected(document.id(), document.vehicleId(), document.ownerId(),
                document.documentType(), reason.strip(), staff.id(), now));
        return document.view();
    }

    /**
     * The document, still pending, locked with its vehicle in the order a vehicle's removal takes them — the
     * vehicle, then (through the cascade) its documents — so a review racing a removal waits for it instead of
     * deadlocking; a document whose vehicle is gone by then is not found.
     */
    private Document pendingForReview(UUID documentId) {
        UUID vehicleId = documents.vehicleIdOf(documentId).orElseThrow(() -> new ApiException.NotFound("document"));
        vehicles.locked(vehicleId).orElseThrow(() -> new ApiException.NotFound("document"));
        Document document = documents.findForUpdate(documentId)
                .orElseThrow(() -> new ApiException.NotFound("document"));
        if (!document.isPending()) {
            throw new DocumentProblems.AlreadyReviewed(document.status());
        }
        return document;
    }

    /**
     * The document when the caller is staff, or when it is the caller's: uploaded while the vehicle was theirs, and the
     * vehicle theirs still (after a transfer neither the previous owner nor the new one sees the other's papers);
     * "not found" in every other case.
     */
    private Document visible(LuxePrincipal user, Document document) {
        if (document == null || !vehicles.canSee(user, document.vehicleId())
                || !user.isStaff() && !document.ownerId().equals(user.id())) {
            throw new ApiException.NotFound("document");
        }
        return document;
    }

    /** Opens the response once the document's metadata is known. */
    @FunctionalInterface
    interface ContentSink {
        OutputStream open(Document.DocumentView document) throws IOException;
    }
}
