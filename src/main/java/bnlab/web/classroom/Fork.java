package bnlab.web.classroom;

import bnlab.web.lab.LabRun;

/** A student's copy of the class run, made by {@link RoomForks}; its fields are guarded by the room's lock. */
final class Fork {
    final String id;
    final LabRun run;
    final Room.Student owner;
    final long madeAt;   // ms since 1970, for the record
    final long fromStep; // the class run's iteration it was copied at
    long lastActive;

    Fork(LabRun run, Room.Student owner, long now, long fromStep) {
        this.id = run.id();
        this.run = run;
        this.owner = owner;
        this.lastActive = now;
        this.madeAt = System.currentTimeMillis();
        this.fromStep = fromStep;
    }
}
