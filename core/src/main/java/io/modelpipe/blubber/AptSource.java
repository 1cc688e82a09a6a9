package io.modelpipe.blubber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An extra APT source.
 *
 * @param signedBy ASCII-armoured public key(s) that sign the source, if any
 */
public record AptSource(String url, String distribution, List<String> components, Optional<String> signedBy) {

  public AptSource {
    Values.text(url, "url");
    Values.text(distribution, "distribution");
    components = Values.list(components, "components");
    Objects.requireNonNull(signedBy, "signedBy");
  }
}
