// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/search/SearchItem.java
package hudson.search;

public interface SearchItem {
}
