package org.vigie.board.site.rest;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.vigie.board.incident.IncidentConfig;
import org.vigie.board.incident.rest.IncidentLabels;
import org.vigie.board.incident.service.IncidentCatalog;
import org.vigie.board.incident.service.IncidentCatalog.UpdateEntry;
import org.vigie.board.site.BoardConfig;
import org.vigie.board.site.PublicBoard;
import org.vigie.board.site.Visitor;
import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.EventLine;
import org.vigie.board.site.view.Html;
import org.vigie.board.site.view.Statuses;

/**
 * The feeds: RSS 2.0 at {@code /rss} and Atom at {@code /feed}, the newest events first, optionally only some
 * services ({@code ?services=web,db}). Written with an XML writer, so every text is escaped; an RSS description is
 * HTML by convention, so the message is HTML-escaped before the XML writer escapes it again.
 */
@Path("/")
public class Feeds {

    public static final String RSS = "application/rss+xml;charset=UTF-8";
    public static final String ATOM = "application/atom+xml;charset=UTF-8";

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final PublicBoard board;
    private final VisitorResolver visitors;
    private final BoardConfig config;
    private final IncidentCatalog incidents;
    private final IncidentConfig incidentConfig;

    public Feeds(
            PublicBoard board,
            VisitorResolver visitors,
            BoardConfig config,
            IncidentCatalog incidents,
            IncidentConfig incidentConfig) {
        this.board = board;
        this.visitors = visitors;
        this.config = config;
        this.incidents = incidents;
        this.incidentConfig = incidentConfig;
    }

    /** An entry: a service's event or an incident's update (exactly one of them), newest first in the feed. */
    private record Item(Instant at, EventLine event, UpdateEntry update) {}

    private record Feed(BoardInfo info, Visitor visitor, List<Item> items) {}

    @GET
    @Path("rss")
    public Response rss(@QueryParam("services") String services, @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(services, uri, headers, RSS, this::writeRss);
    }

    @GET
    @Path("feed")
    public Response atom(@QueryParam("services") String services, @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(services, uri, headers, ATOM, this::writeAtom);
    }

    @FunctionalInterface
    private interface Writer {
        void write(XMLStreamWriter xml, Feed feed, String base, String self) throws XMLStreamException;
    }

    private Response feed(String services, UriInfo uri, HttpHeaders headers, String type, Writer writer) {
        List<String> slugs = services == null
                ? null
                : Arrays.stream(services.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
        Object result = board.read(q -> {
            BoardInfo info = q.board();
            Visitor visitor;
            try {
                visitor = visitors.resolve(uri, headers, info);
            } catch (VisitorResolver.BadChoice e) {
                return Response.status(400)
                        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                        .entity(e.getMessage())
                        .build();
            }
            Statuses statuses = q.statuses();
            List<Long> ids = null;
            if (slugs != null && !slugs.isEmpty()) {
                Map<String, Long> found = q.serviceIds(slugs);
                List<String> unknown =
                        slugs.stream().filter(s -> !found.containsKey(s)).toList();
                if (!unknown.isEmpty()) {
                    return Response.status(404)
                            .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                            .entity(visitor.msg().no_such_service(String.join(", ", unknown)))
                            .build();
                }
                ids = new ArrayList<>(found.values());
            }
            List<Item> items = new ArrayList<>();
            q.latestEvents(ids, config.feedSize(), statuses).forEach(e -> items.add(new Item(e.at(), e, null)));
            // incident updates; a feed of some services carries those of incidents that affect one of them
            for (UpdateEntry u : incidents.latestUpdates(incidentConfig.feedSize())) {
                if (slugs == null
                        || slugs.isEmpty()
                        || u.incident().services().stream().anyMatch(s -> slugs.contains(s.slug()))) {
                    items.add(new Item(u.update().at(), null, u));
                }
            }
            items.sort(Comparator.comparing(Item::at).reversed());
            return new Feed(info, visitor, items);
        });
        if (result instanceof Response refused) {
            return refused;
        }
        Feed feed = (Feed) result;
        String base = base(uri);
        String self = base
                + uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null
                        ? ""
                        : "?" + uri.getRequestUri().getRawQuery());
        StringWriter out = new StringWriter(8192);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            writer.write(xml, feed, base, self);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed failed", e);
        }
        return Response.ok(out.toString())
                .type(type)
                .header("Cache-Control", "max-age=60")
                .build();
    }

    /** {@code [Service - Status] message}, as stashboard's feed titled its items. */
    static String title(EventLine e, Visitor v) {
        return "[" + e.serviceName() + " - " + v.statusName(e.status()) + "] " + e.message();
    }

    /** {@code [Incident title - State] message}, in the shape of an event's title. */
    static String title(UpdateEntry u, Visitor v) {
        return "[" + u.incident().title() + " - "
                + IncidentLabels.label(u.update().state(), v.msg()) + "] "
                + u.update().message();
    }

    private static String link(UpdateEntry u) {
        return u.incident().path() + "#update-" + u.update().id();
    }

    private static String guid(UpdateEntry u) {
        return "/api/v1/incidents/" + u.incident().id() + "/updates/"
                + u.update().id();
    }

    private static String link(String base, EventLine e, BoardInfo info) {
        return base + "/services/" + e.serviceSlug() + "/"
                + e.at().atZone(info.zone()).toLocalDate().toString().replace('-', '/') + "#event-" + e.id();
    }

    private void writeRss(XMLStreamWriter xml, Feed feed, String base, String self) throws XMLStreamException {
        Visitor v = feed.visitor();
        xml.writeStartElement("rss");
        xml.writeAttribute("version", "2.0");
        xml.writeNamespace("atom", "http://www.w3.org/2005/Atom");
        xml.writeStartElement("channel");
        element(xml, "title", v.msg().feed_title(feed.info().name()));
        element(xml, "link", base + "/");
        element(xml, "description", v.msg().feed_description(feed.info().name()));
        element(xml, "language", v.lang());
        xml.writeEmptyElement("atom", "link", "http://www.w3.org/2005/Atom");
        xml.writeAttribute("href", Html.xmlSafe(self));
        xml.writeAttribute("rel", "self");
        xml.writeAttribute("type", "application/rss+xml");
        Instant updated =
                feed.items().isEmpty() ? board.now() : feed.items().get(0).at();
        element(xml, "lastBuildDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(updated.atOffset(ZoneOffset.UTC)));
        element(xml, "generator", "Vigie");
        for (Item item : feed.items()) {
            if (item.update() != null) {
                UpdateEntry u = item.update();
                xml.writeStartElement("item");
                element(xml, "title", title(u, v));
                element(xml, "link", base + link(u));
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "false");
                xml.writeCharacters(Html.xmlSafe(base + guid(u)));
                xml.writeEndElement();
                element(
                        xml,
                        "pubDate",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(item.at().atOffset(ZoneOffset.UTC)));
                element(xml, "category", "incident");
                element(xml, "description", Html.escape(u.update().message())); // HTML, escaped again by the writer
                xml.writeEndElement();
                continue;
            }
            EventLine e = item.event();
            xml.writeStartElement("item");
            element(xml, "title", title(e, v));
            element(xml, "link", link(base, e, feed.info()));
            xml.writeStartElement("guid");
            xml.writeAttribute("isPermaLink", "false");
            xml.writeCharacters(Html.xmlSafe(base + "/api/v1/services/" + e.serviceSlug() + "/events/" + e.id()));
            xml.writeEndElement();
            element(xml, "pubDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(e.at().atOffset(ZoneOffset.UTC)));
            element(xml, "category", e.status().slug());
            element(xml, "description", Html.escape(e.message())); // HTML, escaped once more by the writer
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private void writeAtom(XMLStreamWriter xml, Feed feed, String base, String self) throws XMLStreamException {
        Visitor v = feed.visitor();
        xml.setDefaultNamespace("http://www.w3.org/2005/Atom");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        xml.writeAttribute("xml:lang", v.lang());
        textElement(xml, "title", v.msg().feed_title(feed.info().name()));
        textElement(xml, "subtitle", v.msg().feed_description(feed.info().name()));
        element(xml, "id", base + "/feed");
        Instant updated =
                feed.items().isEmpty() ? board.now() : feed.items().get(0).at();
        element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
        linkElement(xml, "self", self, "application/atom+xml");
        linkElement(xml, "alternate", base + "/", "text/html");
        xml.writeStartElement("author");
        element(xml, "name", feed.info().name());
        xml.writeEndElement();
        element(xml, "generator", "Vigie");
        for (Item item : feed.items()) {
            if (item.update() != null) {
                UpdateEntry u = item.update();
                xml.writeStartElement("entry");
                element(xml, "id", base + guid(u));
                textElement(xml, "title", title(u, v));
                element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(item.at()));
                element(xml, "published", DateTimeFormatter.ISO_INSTANT.format(item.at()));
                linkElement(xml, "alternate", base + link(u), "text/html");
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", "incident");
                xml.writeAttribute(
                        "label", Html.xmlSafe(IncidentLabels.label(u.update().state(), v.msg())));
                textElement(xml, "content", u.update().message());
                xml.writeEndElement();
                continue;
            }
            EventLine e = item.event();
            xml.writeStartElement("entry");
            element(xml, "id", base + "/api/v1/services/" + e.serviceSlug() + "/events/" + e.id());
            textElement(xml, "title", title(e, v));
            element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(e.at()));
            element(xml, "published", DateTimeFormatter.ISO_INSTANT.format(e.at()));
            linkElement(xml, "alternate", link(base, e, feed.info()), "text/html");
            xml.writeEmptyElement("category");
            xml.writeAttribute("term", Html.xmlSafe(e.status().slug()));
            xml.writeAttribute("label", Html.xmlSafe(v.statusName(e.status())));
            textElement(xml, "content", e.message());
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(Html.xmlSafe(text));
        xml.writeEndElement();
    }

    private static void textElement(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", "text");
        xml.writeCharacters(Html.xmlSafe(text));
        xml.writeEndElement();
    }

    private static void linkElement(XMLStreamWriter xml, String rel, String href, String type)
            throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", Html.xmlSafe(href));
        xml.writeAttribute("type", type);
    }

    /** {@code http://host:port}, without a trailing slash. */
    static String base(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
