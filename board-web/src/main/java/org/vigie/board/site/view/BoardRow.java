package org.vigie.board.site.view;

import io.quarkus.qute.RawString;

/**
 * One line of the board: a service, its current status's marker, uptime, sparkline and past days' cells (newest
 * first). The cells are raw on purpose: {@link Html#cells} writes them, escaped, for speed.
 */
public record BoardRow(ServiceLine service, boolean trouble, String uptime, Sparkline sparkline, RawString cells) {}
