// Compile-only declaration from jenkinsci/stapler 2088.v915606dc8e86, core/src/main/java/org/kohsuke/stapler/StaplerOverridable.java
package org.kohsuke.stapler;

public interface StaplerOverridable {
}
