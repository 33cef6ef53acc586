package org.vigie.board.subscribe;

/** How a visitor is told: by email (confirmed first: double opt-in) or by a signed webhook. */
public enum SubscriptionKind {
    EMAIL,
    WEBHOOK
}
