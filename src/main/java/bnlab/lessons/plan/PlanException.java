package bnlab.lessons.plan;

/**
 * A plan that cannot be loaded, with what is wrong and where: "lecture.json, step 4 (question), answers: needs 2 to
 * 5 answers, has 1". {@link #where} and {@link #field} name the place, {@link #problem} what is wrong there.
 */
public final class PlanException extends IllegalArgumentException {
    private final String where, field, problem;

    public PlanException(String where, String field, String problem) {
        super(where + (field == null ? "" : ", " + field) + ": " + problem);
        this.where = where;
        this.field = field;
        this.problem = problem;
    }

    public String where() { return where; }
    public String field() { return field; }
    public String problem() { return problem; }
}
