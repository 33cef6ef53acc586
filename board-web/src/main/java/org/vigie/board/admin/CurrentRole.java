package org.vigie.board.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The logged-in admin's role, for the admin layout ({@code inject:adminRole}): the menu says when the pages are read
 * only. Read from the request's identity, in memory: safe on pages rendered by the event loop.
 */
@RequestScoped
@Named("adminRole")
public class CurrentRole {

    private final SecurityIdentity identity;

    public CurrentRole(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** owner, editor or viewer; empty when not logged in. */
    public String getLabel() {
        for (AdminRole role : AdminRole.values()) {
            if (!identity.isAnonymous() && identity.hasRole(role.label())) {
                return role.label();
            }
        }
        return "";
    }

    public boolean isReadOnly() {
        return getLabel().equals(AdminRole.VIEWER.label());
    }
}
