package org.vigie.board.site.rest;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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

    public Feeds(PublicBoard board, VisitorResolver visitors, BoardConfig config) {
        this.board = board;
        this.visitors = visitors;
        this.config = config;
    }

    private record Feed(BoardInfo info, Visitor visitor, List<EventLine> events) {}

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
            return new Feed(info, visitor, q.latestEvents(ids, config.feedSize(), statuses));
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
                feed.events().isEmpty() ? board.now() : feed.events().get(0).at();
        element(xml, "lastBuildDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(updated.atOffset(ZoneOffset.UTC)));
        element(xml, "generator", "Vigie");
        for (EventLine e : feed.events()) {
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
                feed.events().isEmpty() ? board.now() : feed.events().get(0).at();
        element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
        linkElement(xml, "self", self, "application/atom+xml");
        linkElement(xml, "alternate", base + "/", "text/html");
        xml.writeStartElement("author");
        element(xml, "name", feed.info().name());
        xml.writeEndElement();
        element(xml, "generator", "Vigie");
        for (EventLine e : feed.events()) {
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
