package org.vigie.board.boardfile.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What is wrong with a board file, each problem at its line and field; nothing is applied while there is one. */
public final class Problems {

    /** One problem: {@code 14: services[3].interval: "10 parsecs" is not a duration}. */
    public record Problem(int line, String field, String message) {

        /** The line as a command prints it, after the file's name. */
        public String text(String file) {
            return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
        }
    }

    private final List<Problem> list = new ArrayList<>();

    void add(int line, String field, String message) {
        Problem p = new Problem(line, field, message);
        if (!list.contains(p)) {
            list.add(p);
        }
    }

    boolean any() {
        return !list.isEmpty();
    }

    /** In the file's order. */
    List<Problem> sorted() {
        return list.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
    }

    void throwIfAny() {
        if (any()) {
            throw new BoardFileInvalid(sorted());
        }
    }

    /** Thrown out of the import's transaction, so that nothing of it is kept. */
    public static final class BoardFileInvalid extends RuntimeException {

        private final List<Problem> problems;

        BoardFileInvalid(List<Problem> problems) {
            super(problems.size() + " problems in the board file", null, false, false);
            this.problems = problems;
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
