-- A search reads the tsvector of every row it tests or ranks: kept in the row itself (MAIN), it
-- comes with the row instead of from the TOAST table (at 100,000 articles this halved the time
-- to test a phrase in 20,000 rows). The other columns, the body first, leave the row before it
-- when a row is too long, as they are compressed and moved out of line before a MAIN column
-- is. Rows take this storage when next written; `timelines reindex` rewrites them all.
ALTER TABLE article_search ALTER COLUMN doc SET STORAGE MAIN;
