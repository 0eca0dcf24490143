-- A send to all writes one history row per client in one statement (100 000 rows and more). Each row's foreign-key
-- check was a lookup and key-share lock of the same notification row, and the partial unread index a third index
-- write per row; together about half the time of such a send. History rows are written only by the dispatch that
-- writes their notification in the same transaction, and only drafts (which have no history) are ever deleted,
-- so the key protects nothing there. Unread counts use the per-user inbox index.
ALTER TABLE notification_history DROP CONSTRAINT notification_history_notification_id_fkey;
DROP INDEX notification_history_unread;
