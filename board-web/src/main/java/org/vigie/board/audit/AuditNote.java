package org.vigie.board.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What a resource may add to its request's audit entry when the path alone says too little (an admin's role change:
 * to which role). Without it, the entry's summary is the request's method and path.
 */
@RequestScoped
public class AuditNote {

    private String summary;
    private String entityId;

    public void say(String entityId, String summary) {
        this.entityId = entityId;
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }

    public String entityId() {
        return entityId;
    }
}
