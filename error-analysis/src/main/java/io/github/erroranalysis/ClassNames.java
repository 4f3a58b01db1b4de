package io.github.erroranalysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one check of class names given to the library (accumulators, options, analyses): the list is not null, no
 * name is null or blank, and no name appears twice. Messages name the class index and the offending value.
 */
final class ClassNames {

    private ClassNames() {
    }

    /**
     * Checks class names and copies them.
     *
     * @param names the class names in class-index order, possibly empty
     * @return an unmodifiable copy
     * @throws NullPointerException if the list is null
     * @throws IllegalArgumentException if a name is null or blank, or two names are equal (naming both indexes)
     */
    static List<String> check(List<String> names) {
        if (names == null) {
            throw new NullPointerException("the class names are null; give an empty list for \"class 0\", "
                    + "\"class 1\", ...");
        }
        Map<String, Integer> seen = new HashMap<>();
        int c = 0;
        for (String name : names) {
            if (name == null) {
                throw new IllegalArgumentException("class name " + c + " is null");
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("class name " + c + " is blank: '" + name + "'");
            }
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                throw new IllegalArgumentException("class names must be distinct, but class names " + first + " and "
                        + c + " are both '" + name + "'");
            }
            c++;
        }
        return List.copyOf(names);
    }

    /**
     * Finds a class by name.
     *
     * @param names     the class names
     * @param className a class name
     * @return its index
     * @throws IllegalArgumentException naming the classes when none has that name
     */
    static int indexOf(List<String> names, String className) {
        int c = names.indexOf(className);
        if (c < 0) {
            throw new IllegalArgumentException("no class is named '" + className + "'; the classes are " + names);
        }
        return c;
    }
}
