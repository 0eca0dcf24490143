-- Rejected documents are removed a while after their review (RejectedDocumentsPurge); this finds them without a scan.
CREATE INDEX documents_rejected ON documents (reviewed_at) WHERE status = 'rejected';
