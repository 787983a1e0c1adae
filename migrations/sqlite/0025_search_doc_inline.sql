-- PostgreSQL keeps its search tsvector in the row from this version on (its 0025). SQLite's
-- FTS5 index keeps its own storage: nothing changes here; the number keeps both lists in step.
SELECT 1;
