package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Roles over every admin route, found by reflection over the compiled resource classes (so a route added later is
 * checked without touching this test): a viewer may read every admin page and the API but every write answers 403
 * with a message; an editor is refused every write outside services, groups, incidents and maintenance; owners
 * pass. The pages are tried with a logged-in session (and its CSRF token), the API with a token of the role.
 */
@QuarkusTest
class AdminRolesTest extends AdminTest {

    static final String PASSWORD = "roles-test-password";

    /** One route: its HTTP method, its template, what it consumes. */
    record Route(String method, String template, String consumes) {
        boolean api() {
            return template.startsWith("/admin/api/");
        }

        boolean write() {
            return !List.of("GET", "HEAD", "OPTIONS").contains(method);
        }

        /** The template with each parameter given a value (the route matches; the thing need not exist). */
        String path() {
            return template.replaceAll("\\{[^}]*}", "1");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    AdminFixtures.Session viewer;
    AdminFixtures.Session editor;
    String viewerToken;
    String editorToken;

    @BeforeEach
    void twoMoreAdmins() {
        admin.addAdmin("vera", AdminRole.VIEWER, PASSWORD);
        admin.addAdmin("ed", AdminRole.EDITOR, PASSWORD);
        viewer = AdminFixtures.login("vera", PASSWORD);
        editor = AdminFixtures.login("ed", PASSWORD);
        viewerToken = admin.newToken("viewer-client", AdminRole.VIEWER);
        editorToken = admin.newToken("editor-client", AdminRole.EDITOR);
    }

    @Test
    void theRoutesAreAllFound() throws Exception {
        List<String> found = adminRoutes().stream().map(Route::toString).toList();
        assertThat(found)
                .contains(
                        "POST /admin/admins",
                        "POST /admin/admins/{id}/role",
                        "POST /admin/settings",
                        "POST /admin/services/{slug}/delete",
                        "POST /admin/api/v1/services",
                        "DELETE /admin/api/v1/services/{slug}",
                        "GET /admin/audit",
                        "GET /admin/api/v1/audit");
        assertThat(found.size()).isGreaterThan(40);
    }

    @Test
    void aViewerReadsEveryAdminRouteAndChangesNothing() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Route route : adminRoutes()) {
            if (own(route)) {
                continue;
            }
            Response answer = send(route, viewer, viewerToken);
            if (route.write()) {
                assertThat(answer.statusCode()).as("%s as a viewer", route).isEqualTo(403);
                assertThat(answer.asString()).as("%s as a viewer", route).contains("your role, viewer, cannot");
            } else {
                assertThat(answer.statusCode()).as("%s as a viewer", route).isNotEqualTo(403);
            }
            checked.add(route.toString());
        }
        assertThat(checked).hasSizeGreaterThan(40);
        assertThat(admin.audit()).as("refused writes leave no audit entry").isEmpty();
    }

    @Test
    void anEditorIsRefusedEveryWriteOutsideTheirAreas() throws Exception {
        List<String> refused = new ArrayList<>();
        for (Route route : adminRoutes()) {
            if (!route.write() || own(route)) {
                continue;
            }
            if (AdminAccess.needed(route.method(), route.template()).orElseThrow() == AdminRole.OWNER) {
                Response answer = send(route, editor, editorToken);
                assertThat(answer.statusCode()).as("%s as an editor", route).isEqualTo(403);
                assertThat(answer.asString()).as("%s as an editor", route).contains("it needs an owner");
                refused.add(route.toString());
            }
        }
        assertThat(refused)
                .contains(
                        "POST /admin/settings",
                        "POST /admin/tokens",
                        "POST /admin/tokens/{id}/revoke",
                        "POST /admin/admins",
                        "POST /admin/admins/{id}/role",
                        "POST /admin/admins/{id}/delete",
                        "POST /admin/statuses",
                        "POST /admin/api/v1/statuses")
                .doesNotContain(
                        "POST /admin/services",
                        "POST /admin/api/v1/incidents",
                        "POST /admin/groups",
                        "POST /admin/maintenance",
                        "POST /admin/api/v1/maintenance");
    }

    @Test
    void anEditorChangesServicesGroupsAndIncidents() {
        editor.form()
                .formParam("name", "Shop")
                .formParam("target", "https://shop.example.org/")
                .formParam("interval", "60")
                .post("/admin/services")
                .then()
                .statusCode(303);
        given().auth()
                .oauth2(editorToken)
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Slow shop\",\"message\":\"Looking\"}")
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201);
        editor.form().formParam("name", "Ops").post("/admin/groups").then().statusCode(303);
    }

    @Test
    void theMenuTellsAViewerThePagesAreReadOnly() {
        assertThat(viewer.given().get("/admin/services").asString()).contains("id=\"read-only\"");
        assertThat(editor.given().get("/admin/services").asString()).doesNotContain("id=\"read-only\"");
    }

    @Test
    void aViewerMayStillChangeTheirOwnPassword() {
        viewer.form()
                .formParam("current", PASSWORD)
                .formParam("password", "a-new-viewer-password")
                .formParam("repeat", "a-new-viewer-password")
                .post("/admin/password")
                .then()
                .statusCode(303);
        // a non-blocking route: its audit entry is written off the event loop, before the answer
        assertThat(admin.audit())
                .extracting(e -> e.actor + " " + e.action + " " + e.entityType)
                .containsExactly("vera update password");
    }

    @Test
    void theConfiguredTokenIsAnOwner() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Odd\",\"severity\":\"warning\",\"image\":\"clock\"}")
                .post("/admin/api/v1/statuses")
                .then()
                .statusCode(201);
    }

    /** What every admin may post: the login form, logging out, their own password. */
    private static boolean own(Route route) {
        return List.of("/admin/login", "/admin/logout", "/admin/password").contains(route.template());
    }

    private static Response send(Route route, AdminFixtures.Session session, String token) {
        RequestSpecification request;
        if (route.api()) {
            request = given().redirects().follow(false).auth().oauth2(token);
            if (route.write()) {
                if (route.consumes().equals(MediaType.APPLICATION_FORM_URLENCODED)) {
                    request = request.contentType(ContentType.URLENC).formParam("name", "x");
                } else {
                    request = request.contentType(ContentType.JSON).body("{}");
                }
            }
        } else {
            request = route.write() ? session.form() : session.given();
        }
        return request.request(route.method(), route.path());
    }

    /** Every JAX-RS method under /admin, from the compiled classes of the board. */
    static List<Route> adminRoutes() throws IOException, URISyntaxException {
        Path classes = Path.of(AdminAccess.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Route> routes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, AdminAccess.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path onClass = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (onClass == null) {
                    continue;
                }
                for (Method m : type.getMethods()) {
                    String http = httpMethod(m);
                    if (http == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path onMethod = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String template = ("/" + onClass.value() + (onMethod == null ? "" : "/" + onMethod.value()))
                            .replaceAll("/+", "/")
                            .replaceAll("(.)/$", "$1");
                    if (!template.equals("/admin") && !template.startsWith("/admin/")) {
                        continue;
                    }
                    Consumes consumes = m.getAnnotation(Consumes.class);
                    routes.add(new Route(http, template, consumes == null ? "" : consumes.value()[0]));
                }
            }
        }
        routes.sort(Comparator.comparing(Route::toString));
        return routes;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
