package bnlab.web.classroom;

import java.time.Duration;

/**
 * The classroom's limits, each with a serve flag (docs/classroom.md). On top of the lab's (the run budget,
 * the connection limits), so that one class, or one student, cannot take a classroom laptop.
 *
 * @param maxRooms           rooms open at once on this server (--max-rooms)
 * @param maxStudents        students in one room (--max-students-per-room)
 * @param maxForks           forks alive in one room (--max-forks-per-room)
 * @param maxForksPerStudent forks one student keeps (--max-forks-per-student); forking again at the limit ends
 *                           that student's oldest fork, so "fork" always gives a fresh copy of the class
 * @param joinsPerMinute     look-ups of a room code one network address may make per minute (--max-joins-per-minute): the
 *                           join page, its QR image and the student's socket count together ({@link JoinLimit}); behind a
 *                           reverse proxy every student has the proxy's address: raise it there
 * @param instructorGrace    how long a room waits for its instructor to come back (--instructor-grace-seconds)
 * @param forkIdle           a fork nobody drove for this long ends (--fork-idle-minutes)
 * @param roomIdle           a room whose instructor sent nothing for this long ends (--room-idle-minutes)
 * @param studentGrace       a student gone this long loses their seat and fork (a reload or a Wi-Fi blip is shorter)
 */
public record ClassroomOptions(int maxRooms, int maxStudents, int maxForks, int maxForksPerStudent, int joinsPerMinute,
                               Duration instructorGrace, Duration forkIdle, Duration roomIdle, Duration studentGrace) {
    public static final int DEFAULT_MAX_ROOMS = 20, DEFAULT_MAX_STUDENTS = 300, DEFAULT_MAX_FORKS = 60,
            DEFAULT_MAX_FORKS_PER_STUDENT = 1, DEFAULT_JOINS_PER_MINUTE = 120;
    public static final int DEFAULT_INSTRUCTOR_GRACE_SECONDS = 120, DEFAULT_FORK_IDLE_MINUTES = 15,
            DEFAULT_ROOM_IDLE_MINUTES = 240;

    public ClassroomOptions {
        if (maxRooms < 1 || maxStudents < 1 || maxForks < 0 || maxForksPerStudent < 1 || joinsPerMinute < 1)
            throw new IllegalArgumentException("classroom limits must be at least 1 (forks per room at least 0)");
        if (instructorGrace.isNegative() || forkIdle.isNegative() || roomIdle.isNegative() || studentGrace.isNegative())
            throw new IllegalArgumentException("classroom durations must not be negative");
    }

    public static ClassroomOptions defaults() {
        return new ClassroomOptions(DEFAULT_MAX_ROOMS, DEFAULT_MAX_STUDENTS, DEFAULT_MAX_FORKS, DEFAULT_MAX_FORKS_PER_STUDENT,
                DEFAULT_JOINS_PER_MINUTE, Duration.ofSeconds(DEFAULT_INSTRUCTOR_GRACE_SECONDS),
                Duration.ofMinutes(DEFAULT_FORK_IDLE_MINUTES), Duration.ofMinutes(DEFAULT_ROOM_IDLE_MINUTES), Duration.ofSeconds(90));
    }

    /** The same with other grace periods and idle times (tests). */
    public ClassroomOptions withTimes(Duration instructorGrace, Duration forkIdle, Duration roomIdle, Duration studentGrace) {
        return new ClassroomOptions(maxRooms, maxStudents, maxForks, maxForksPerStudent, joinsPerMinute, instructorGrace,
                forkIdle, roomIdle, studentGrace);
    }
}
