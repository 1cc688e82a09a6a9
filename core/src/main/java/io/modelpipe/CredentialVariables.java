package io.modelpipe;

import java.util.Locale;

/**
 * How a {@code run.credentials} id reaches the engine: as the variable {@code MODELPIPE_CREDENTIAL_<ID>},
 * the id upper-cased with {@code _} for every other character. The command line reads it, the Jenkins
 * binding writes it, and the runner names it in its errors; one rule for all three.
 */
public final class CredentialVariables {

  /** The prefix of every credential variable. */
  public static final String PREFIX = "MODELPIPE_CREDENTIAL_";

  private CredentialVariables() {}

  /** The part after {@link #PREFIX} for {@code id}. */
  public static String suffix(String id) {
    return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** The whole variable name for {@code id}. */
  public static String name(String id) {
    return PREFIX + suffix(id);
  }
}
