package org.vigie.board.subscribe.rest;

import java.util.Locale;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** The {@link Subs} bundle in a visitor's language, for Java code (templates read {@code {subs:...}}). */
final class SubsWords {

    private SubsWords() {}

    static Subs of(Locale locale) {
        return Locale.FRENCH.getLanguage().equals(locale.getLanguage())
                ? MessageBundles.get(Subs.class, Localized.Literal.of("fr"))
                : MessageBundles.get(Subs.class);
    }
}
