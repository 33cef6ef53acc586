package org.vigie.board.site.i18n;

import java.util.List;
import java.util.Locale;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** The languages the public pages speak, and their {@link Msg} bundles. */
public final class Languages {

    /** Supported languages, the first being the default. */
    public static final List<Locale> ALL = List.of(Locale.ENGLISH, Locale.FRENCH);

    private Languages() {}

    public static Msg msg(Locale locale) {
        return Locale.FRENCH.getLanguage().equals(locale.getLanguage())
                ? MessageBundles.get(Msg.class, Localized.Literal.of("fr"))
                : MessageBundles.get(Msg.class);
    }
}
