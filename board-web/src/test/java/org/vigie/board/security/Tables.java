package org.vigie.board.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Every row of the tables an admin or a visitor could change, read in a transaction of its own (never a cache). */
@ApplicationScoped
public class Tables {

    static final List<String> TABLES = List.of(
            "services",
            "service_groups",
            "statuses",
            "events",
            "api_tokens",
            "admin_users",
            "board_settings",
            "check_results",
            "check_states",
            "check_schedules",
            "incidents",
            "incident_updates",
            "incident_services",
            "audit_log");

    @Inject
    EntityManager em;

    @Transactional
    public Map<String, String> snapshot() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<?> all = em.createNativeQuery("select * from " + table + " order by 1")
                    .getResultList();
            rows.put(table, all.stream().map(Tables::row).toList().toString());
        }
        return rows;
    }

    @Transactional
    public long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }

    private static String row(Object row) {
        return row instanceof Object[] columns ? Arrays.deepToString(columns) : String.valueOf(row);
    }
}
