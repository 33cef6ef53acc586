package org.vigie.board.notify.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.vigie.board.notify.NoticeKind;

/**
 * The messages' words, in the language {@code vigie.notify.language} names (English or French). Kept here rather than
 * in the public site's bundle: they are read by Java for channels and subscribers' mail, never by a template.
 */
public final class Texts {

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("DOWN", "{service} is down"),
            Map.entry("WARNING", "{service} has a warning"),
            Map.entry("UNKNOWN", "{service} is unknown: no recent check result"),
            Map.entry("UP", "{service} is back up"),
            Map.entry("UP_AFTER", "{service} is back up after {duration}"),
            Map.entry("MAINTENANCE_STARTED", "{service} is in maintenance"),
            Map.entry("MAINTENANCE_ENDED", "{service}: maintenance ended, it is up"),
            Map.entry("STILL_DOWN", "{service} is still down, for {duration}"),
            Map.entry("INCIDENT_OPENED", "Incident: {title}"),
            Map.entry("INCIDENT_UPDATED", "Incident update ({state}): {title}"),
            Map.entry("INCIDENT_RESOLVED", "Incident resolved: {title}"),
            Map.entry("TEST", "Test notification from Vigie"),
            Map.entry("CERTIFICATE_EXPIRING", "{service}: the TLS certificate expires in {duration}"),
            Map.entry("CERTIFICATE_TEXT", "The certificate of {host} is valid until {expiry}."),
            Map.entry("TEST_TEXT", "If you read this, the channel {channel} works."),
            Map.entry("CONFIRM_SUBJECT", "Confirm your subscription to {board}"),
            Map.entry(
                    "CONFIRM_TEXT",
                    "Someone, probably you, asked to be told by email of incidents and maintenance on {board} ({what})."
                            + "\n\nTo confirm, open this link within {hours} hours:\n{link}\n\n"
                            + "If it was not you, ignore this message: nothing will be sent and the address is"
                            + " forgotten."),
            Map.entry("WHOLE_BOARD", "every service"),
            Map.entry("UNSUBSCRIBE", "To stop these messages: {link}"),
            Map.entry("d", "d"),
            Map.entry("investigating", "investigating"),
            Map.entry("identified", "identified"),
            Map.entry("monitoring", "monitoring"),
            Map.entry("resolved", "resolved"));

    private static final Map<String, String> FR = Map.ofEntries(
            Map.entry("DOWN", "{service} est en panne"),
            Map.entry("WARNING", "{service} présente une alerte"),
            Map.entry("UNKNOWN", "{service} : état inconnu, aucun résultat de vérification récent"),
            Map.entry("UP", "{service} fonctionne de nouveau"),
            Map.entry("UP_AFTER", "{service} fonctionne de nouveau après {duration}"),
            Map.entry("MAINTENANCE_STARTED", "{service} est en maintenance"),
            Map.entry("MAINTENANCE_ENDED", "{service} : maintenance terminée, il fonctionne"),
            Map.entry("STILL_DOWN", "{service} est toujours en panne, depuis {duration}"),
            Map.entry("INCIDENT_OPENED", "Incident : {title}"),
            Map.entry("INCIDENT_UPDATED", "Incident mis à jour ({state}) : {title}"),
            Map.entry("INCIDENT_RESOLVED", "Incident résolu : {title}"),
            Map.entry("TEST", "Notification de test de Vigie"),
            Map.entry("CERTIFICATE_EXPIRING", "{service} : le certificat TLS expire dans {duration}"),
            Map.entry("CERTIFICATE_TEXT", "Le certificat de {host} est valide jusqu’au {expiry}."),
            Map.entry("TEST_TEXT", "Si vous lisez ceci, le canal {channel} fonctionne."),
            Map.entry("CONFIRM_SUBJECT", "Confirmez votre abonnement à {board}"),
            Map.entry(
                    "CONFIRM_TEXT",
                    "Quelqu’un, sans doute vous, a demandé à être prévenu par email des incidents et maintenances de"
                            + " {board} ({what}).\n\nPour confirmer, ouvrez ce lien dans les {hours} heures :\n{link}\n\n"
                            + "Si ce n’était pas vous, ignorez ce message : rien ne sera envoyé et l’adresse sera"
                            + " oubliée."),
            Map.entry("WHOLE_BOARD", "tous les services"),
            Map.entry("UNSUBSCRIBE", "Pour ne plus recevoir ces messages : {link}"),
            Map.entry("d", "j"),
            Map.entry("investigating", "en cours d’analyse"),
            Map.entry("identified", "cause identifiée"),
            Map.entry("monitoring", "sous surveillance"),
            Map.entry("resolved", "résolu"));

    private final Map<String, String> words;

    public Texts(String language) {
        this.words = "fr".equals(language.trim().toLowerCase(Locale.ROOT)) ? FR : EN;
    }

    public String say(String key, Map<String, String> values) {
        String text = words.getOrDefault(key, key);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue());
        }
        return text;
    }

    String title(NoticeKind kind, Map<String, String> values) {
        return say(kind.name(), values);
    }

    String word(String key) {
        return words.getOrDefault(key, key);
    }

    /** "3 min 20 s", "1 h 5 min", "2 d 4 h" (French "2 j 4 h"): the two largest units. */
    String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + " " + word("d") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (seconds > 0 ? " " + seconds + " s" : "");
        }
        return seconds + " s";
    }
}
