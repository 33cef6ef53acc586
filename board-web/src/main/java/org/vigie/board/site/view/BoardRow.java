package org.vigie.board.site.view;

import io.quarkus.qute.RawString;

/**
 * One line of the board. {@code cells} and {@code sparkline} are markup built in Java from escaped values (a board
 * of 1,000 services and 90 days has 90,000 cells: building them in Java keeps the page fast).
 */
public record BoardRow(ServiceLine service, boolean trouble, String uptime, RawString cells, RawString sparkline) {
}
