package org.vigie.check;

/** What one check says of its target. WARNING means reachable but degraded (slow, certificate near expiry...). */
public enum Outcome {
    UP,
    WARNING,
    DOWN
}
