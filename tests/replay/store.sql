-- A store history (conn_history, the columns of the store's SQL shape) holding violations a store
-- could record, for tests/replay/store.sh; the same file loads into SQLite and PostgreSQL (in
-- SQLite, timestamptz keeps the text as written). Rows are read in id order: id 7 before id 8.
CREATE TABLE "conn_history" (
    id          bigint PRIMARY KEY,
    instance_id TEXT NOT NULL,
    seq         bigint NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    trigger     TEXT,
    initiator   TEXT NOT NULL,
    guards      TEXT,
    actor       TEXT,
    reason      TEXT,
    at          timestamptz NOT NULL
);
INSERT INTO "conn_history" VALUES
    (1, 'c1', 1, 'discovered', 'registered', 'register', 'auto', NULL, 'probe', NULL, '2026-03-01T10:00:00.000Z'),
    (2, 'c1', 2, 'registered', 'connected', 'connect', 'user', NULL, 'ops', 'go', '2026-03-01T10:00:01.250Z'),
    (3, 'c2', 0, NULL, 'not found', NULL, 'import', NULL, NULL, NULL, '2026-03-01T10:00:02.000Z'),
    (4, 'c2', 1, 'not found', 'registered', 'register', 'user', NULL, NULL, NULL, '2026-03-01T10:00:03.000Z'),
    (8, 'c1', 4, 'disconnected', 'connected', 'connect', 'auto', NULL, NULL, NULL, '2026-03-01T10:00:09.000Z'),
    (7, 'c1', 3, 'connected', 'disconnected', 'disconnect', 'auto', NULL, NULL, NULL, '2026-03-01T10:00:08.000Z'),
    (9, 'c2', 2, 'registered', 'not found', 'not_found', 'user', NULL, NULL, NULL, '2026-03-01T10:00:10.000Z'),
    (10, 'c2', 2, 'registered', 'not found', 'not_found', 'auto', NULL, NULL, NULL, '2026-03-01T10:00:10.000Z'),
    (11, 'c1', 5, 'connected', 'disconnected', 'disconnect', 'self', NULL, NULL, NULL, '2026-03-01T09:00:09.500Z');
