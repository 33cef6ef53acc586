package org.vigie.board.boardfile.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.audit.AuditNote;
import org.vigie.board.boardfile.service.BoardFiles;
import org.vigie.board.boardfile.service.Differences.Report;
import org.vigie.board.boardfile.service.Problems.BoardFileInvalid;
import org.vigie.board.boardfile.service.Problems.Problem;

/**
 * The board's configuration as one YAML file (docs/configuration-as-code.md): export it, import it (owners only, as
 * any write AdminAccess does not list), or see what an import would change. Answers JSON, or text for {@code Accept:
 * text/plain} (what {@code deploy/vigie} prints): the differences, or one line per problem.
 */
@Path("/admin/api/v1/board-file")
@Tag(name = "Admin: board file")
@SecurityRequirement(name = "bearer")
public class BoardFileApi {

    static final String YAML = "application/yaml";

    private final BoardFiles files;
    private final AuditNote note;

    public BoardFileApi(BoardFiles files, AuditNote note) {
        this.files = files;
        this.note = note;
    }

    /** A refused file: every problem, also as the lines a command prints ({@code board.yaml:14: field: ...}). */
    public record InvalidFile(boolean error, int code, String message, List<Problem> problems) {}

    @GET
    @Produces(YAML)
    @Operation(summary = "The board's configuration as a board file (YAML); channels' secrets as references only")
    public String export() {
        return files.export();
    }

    @POST
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON
    }) // JSON is YAML
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Apply a board file in one transaction, or with dryRun=true only say what it would change",
            description = "Things absent from the file stay, unless prune=true: then each kind the file lists is "
                    + "exactly the file's. 400 names each line and field at fault; file= names the file in them.")
    public Response apply(
            String body,
            @RestQuery boolean dryRun,
            @RestQuery boolean prune,
            @RestQuery String file,
            @Context HttpHeaders headers) {
        boolean text = wantsText(headers);
        String name = file == null || file.isBlank() ? "board.yaml" : file.strip();
        try {
            Report report = files.apply(body == null ? "" : body, dryRun, prune);
            note.say(null, (dryRun ? "" : prune ? "import with prune: " : "import: ") + report.summary());
            return text
                    ? Response.ok(report.text(), MediaType.TEXT_PLAIN_TYPE).build()
                    : Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (BoardFileInvalid e) {
            List<String> lines = e.problems().stream().map(p -> p.text(name)).toList();
            return text
                    ? Response.status(400)
                            .type(MediaType.TEXT_PLAIN_TYPE)
                            .entity(String.join("\n", lines) + "\n")
                            .build()
                    : Response.status(400)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(new InvalidFile(true, 400, String.join("\n", lines), e.problems()))
                            .build();
        }
    }

    /** Text when the client asks for it before JSON; {@code *}{@code /*} gets JSON, as every other answer. */
    private static boolean wantsText(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
