package io.modelpipe.blubber;

/**
 * The account that owns the application files, and the application directory.
 *
 * @param as user name
 * @param uid user id
 * @param gid group id
 * @param in application (working) directory
 */
public record Lives(String as, long uid, long gid, String in) {

  /** Blubber's defaults: {@code somebody} 65533:65533 in {@code /srv/app}. */
  public static final Lives DEFAULT = new Lives("somebody", 65533, 65533, "/srv/app");

  public Lives {
    Values.text(as, "as");
    Values.text(in, "in");
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative");
    }
  }
}
