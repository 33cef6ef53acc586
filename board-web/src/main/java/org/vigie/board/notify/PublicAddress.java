package org.vigie.board.notify;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The board's public address, for links in notifications: {@code vigie.board.public-url} (env
 * {@code VIGIE_BOARD_PUBLIC_URL}), the URL visitors use, e.g. {@code https://status.example.org}. Unset: messages carry
 * no link. (The board's own settings are {@code site.BoardConfig}; this one is read only by notifications.)
 */
@ConfigMapping(prefix = "vigie.board")
public interface PublicAddress {

    Optional<String> publicUrl();
}
