package io.modelpipe.blubber;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP(S) proxy for APT: for every source of its scheme, or only for {@code source}.
 */
public record AptProxy(String url, Optional<String> source) {

  public AptProxy {
    Values.text(url, "url");
    Objects.requireNonNull(source, "source");
  }

  /** The {@code apt.conf} line Blubber writes, e.g. {@code Acquire::http::Proxy "http://p:8080";}. */
  public String configuration() {
    URI scheme = URI.create(source.orElse(url));
    String line = "Acquire::" + scheme.getScheme() + "::Proxy";
    if (source.isPresent()) {
      line += "::" + scheme.getHost();
    }
    return line + " \"" + url + "\";";
  }
}
