// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/model/ItemGroup.java
package hudson.model;

import jenkins.model.FullyNamed;
import jenkins.model.FullyNamedModelObject;

public interface ItemGroup<T extends Item> extends FullyNamed, FullyNamedModelObject, PersistenceRoot {
}
