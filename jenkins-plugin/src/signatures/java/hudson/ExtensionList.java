// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/ExtensionList.java
package hudson;

import java.util.AbstractList;
import jenkins.util.io.OnMaster;

public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    private ExtensionList() { throw new UnsupportedOperationException(); }

    public T get(int index) { throw new UnsupportedOperationException(); }

    public int size() { throw new UnsupportedOperationException(); }

    public static <U> U lookupSingleton(Class<U> type) { throw new UnsupportedOperationException(); }
}
