// Compile-only declaration from jenkinsci/stapler 2088.v915606dc8e86, core/src/main/java/org/kohsuke/stapler/export/CustomExportedBean.java
package org.kohsuke.stapler.export;

public interface CustomExportedBean {
}
