// Compile-only declaration from jenkinsci/remoting 3355.v388858a_47b_33, src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {
}
