-- The class's record (docs/classroom.md, "After class"): a room, its class run and every student's fork with
-- their checkpoints, and the answers to the lecture plan's questions. Times are milliseconds since 1970 (UTC).

CREATE TABLE room (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL,             -- the join code it had
    name          TEXT    NOT NULL,
    opened_at     INTEGER NOT NULL,
    closed_at     INTEGER,                      -- null while it is open (or when the server ended without closing it)
    closed_reason TEXT,                         -- closed, instructorGone, idle, serverStopping
    plan          TEXT                          -- the key of the lecture plan followed, if any
);

-- The class run (run_id '') and every fork of it.
CREATE TABLE run (
    room_id   INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    run_id    TEXT    NOT NULL,
    number    INTEGER,                          -- the student's number in the room (null for the class run)
    nickname  TEXT,                             -- the student's nickname, if one was typed
    link      TEXT    NOT NULL,                 -- the run's description as the lab's link: /lab?...
    made_at   INTEGER NOT NULL,
    from_step INTEGER NOT NULL DEFAULT 0,       -- the class run's iteration a fork started from
    step      INTEGER NOT NULL DEFAULT 0,       -- the iteration it reached
    PRIMARY KEY (room_id, run_id)
);

-- Per network of a run: its last validation and whether (how, when) it diverged.
CREATE TABLE net (
    room_id       INTEGER NOT NULL,
    run_id        TEXT    NOT NULL,
    net           TEXT    NOT NULL,             -- plain, bn, ...
    position      INTEGER NOT NULL,             -- its place in the run
    learning_rate REAL,                         -- its base learning rate, the last one (the class chart's axis)
    accuracy      REAL,
    loss          REAL,
    validated_at  INTEGER,                      -- the iteration of that validation
    diverged_kind TEXT,
    diverged_step INTEGER,
    PRIMARY KEY (room_id, run_id, net),
    FOREIGN KEY (room_id, run_id) REFERENCES run (room_id, run_id) ON DELETE CASCADE
);

-- A network's first validation at or after each of the class chart's checkpoints (100, 200, 500, 1000, ...).
CREATE TABLE checkpoint (
    room_id      INTEGER NOT NULL,
    run_id       TEXT    NOT NULL,
    net          TEXT    NOT NULL,
    step         INTEGER NOT NULL,              -- the checkpoint
    validated_at INTEGER NOT NULL,              -- the iteration of the validation
    accuracy     REAL,
    loss         REAL,
    PRIMARY KEY (room_id, run_id, net, step),
    FOREIGN KEY (room_id, run_id) REFERENCES run (room_id, run_id) ON DELETE CASCADE
);

-- One counted answer per student, question and round (a later one while the vote is open replaces it).
CREATE TABLE answer (
    room_id     INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    step        INTEGER NOT NULL,               -- the plan's step (from 0)
    round       INTEGER NOT NULL,               -- 1, or 2 for the vote after discussion
    student     INTEGER NOT NULL,               -- the student's number (never the secret seat)
    choice      INTEGER NOT NULL,               -- the answer, from 0
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, step, round, student)
);
