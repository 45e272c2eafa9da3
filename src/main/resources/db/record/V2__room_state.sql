-- What a room needs to come back after a restart or a crash with the same code (docs/classroom.md, "After class"):
-- whether it was locked, where its plan stood, each run's state, and its students' seats, so that their pages come
-- back to them. The runs themselves come back by replaying their links (the engine is deterministic) to the
-- iteration recorded.

ALTER TABLE room ADD COLUMN locked INTEGER NOT NULL DEFAULT 1;
ALTER TABLE room ADD COLUMN plan_step INTEGER;             -- the plan's current step (from 0), if a plan is followed
ALTER TABLE room ADD COLUMN saved_at INTEGER;              -- when its state was last written (ms since 1970)

ALTER TABLE run ADD COLUMN state TEXT;                     -- the run's state then: paused, running, stopped

-- A student's seat: the secret their page comes back with (the file is its owner's only), their number and name.
CREATE TABLE seat (
    room_id  INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    seat     TEXT    NOT NULL,
    number   INTEGER NOT NULL,
    nickname TEXT,
    in_fork  INTEGER NOT NULL DEFAULT 0,                   -- their page showed their own copy
    PRIMARY KEY (room_id, seat)
);
