package io.github.erroranalysis.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one strict reader of the library's small JSON documents (temperature files, model-import sidecars): the text
 * becomes a tree of {@code Map}, {@code List}, {@code String}, {@code Boolean}, numbers and null, refusing a duplicate
 * key, nesting deeper than a limit, an empty text and anything after the one value, each in one line.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * Makes the caller's exception of a problem's one-line message.
     *
     * @param <E> the caller's exception type
     */
    @FunctionalInterface
    public interface Failure<E extends Exception> {

        /**
         * The exception for one problem.
         *
         * @param problem the problem in words (without the file's name)
         * @param cause the parser's exception, or null
         * @return the exception to throw
         */
        E of(String problem, Throwable cause);
    }

    /**
     * How one kind of document is read and how its messages name it.
     *
     * @param document the document in words with its article, such as {@code "a sidecar"}
     * @param maxDepth the deepest nesting accepted (the top-level value is at depth 0)
     * @param integersAsLong whether an integer becomes a {@code Long} (a {@code Double} when it does not fit);
     *                       otherwise every number is a {@code Double}
     * @param duplicateKey the problem of a key that appears twice in one object, given the key
     */
    public record Dialect(String document, int maxDepth, boolean integersAsLong, Function<String, String> duplicateKey) {
    }

    /**
     * Reads one JSON value from the text (a leading byte-order mark is ignored, as Windows Notepad writes one).
     *
     * @param <E> the caller's exception type
     * @param json the text
     * @param dialect the document's rules and words
     * @param failure makes the exception of a problem
     * @return the value as a tree
     * @throws E for malformed JSON, a duplicate key, too deep a nesting, an empty text or more after the value
     */
    public static <E extends Exception> Object read(String json, Dialect dialect, Failure<E> failure) throws E {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        Object root;
        try (JsonParser p = JsonCodec.factory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new Problem("the file is empty; " + dialect.document() + " is a JSON object");
            }
            root = value(p, first, 0, dialect);
            if (p.nextToken() != null) {
                throw new Problem("there is more after the JSON object; " + dialect.document()
                        + " is one JSON object");
            }
        } catch (Problem e) {
            throw failure.of(e.getMessage(), null);
        } catch (JsonEOFException e) {
            throw failure.of("not valid JSON: the file ends before its JSON is complete (cut short?)", e);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the whole source: say the problem and where, not the file
            JsonLocation at = e.getLocation();
            throw failure.of("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + " (" + Messages.oneLine(e.getOriginalMessage()) + ")", e);
        } catch (IOException | RuntimeException e) {
            throw failure.of("not valid JSON (" + Messages.oneLine(e) + ")", e);
        } catch (StackOverflowError e) {
            throw failure.of("not " + dialect.document() + ": the JSON is nested too deeply", null);
        }
        return root;
    }

    private static Object value(JsonParser p, JsonToken t, int depth, Dialect dialect) throws IOException {
        if (depth > dialect.maxDepth()) {
            throw new Problem("not " + dialect.document() + ": the JSON is nested more than " + dialect.maxDepth()
                    + " levels deep");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    Object v = value(p, p.nextToken(), depth + 1, dialect);
                    if (map.containsKey(key)) {
                        throw new Problem(dialect.duplicateKey().apply(key));
                    }
                    map.put(key, v);
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e, depth + 1, dialect));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return dialect.integersAsLong() && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getLongValue() : (Object) p.getDoubleValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            default:
                throw new Problem("not " + dialect.document() + ": unexpected " + t);
        }
    }

    /** A problem found in the tree walk, turned into the caller's exception by {@link #read}. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
