package org.vigie.dispatch;

import java.util.concurrent.TimeoutException;

/** Turns an exception chain into the few words an operator needs: the innermost cause that says something. */
public final class Causes {

    private Causes() {}

    public static String describe(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return t.getMessage() != null && !t.getMessage().isBlank() ? t.getMessage() : "no answer in time";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == null && message == null) {
                message = t.getClass().getSimpleName();
            }
        }
        // driver messages can span lines; the operator gets one
        return message == null
                ? error.getClass().getSimpleName()
                : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
