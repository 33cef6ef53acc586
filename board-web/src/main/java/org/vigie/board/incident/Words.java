package org.vigie.board.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The incident words as the API and forms spell them: lower case with dashes; underscores and case are forgiven. */
final class Words {

    private Words() {}

    static String slug(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(name))
                .findFirst();
    }
}
