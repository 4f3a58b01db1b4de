package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.corruption.Corruption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The corruption options of {@code robustness} and {@code corrupt} as typed: {@code --corruptions all|standard|
 * extra|NAME,…}, {@code --severities 1-5|3|1,3,5} and one {@code --corruption NAME}, each refused in one line naming
 * the value and what is known.
 */
final class CorruptionOptions {

    /** The groups, each given alone. */
    private static final List<String> GROUPS = List.of("all", "standard", "extra");

    private CorruptionOptions() {
    }

    /**
     * Parses {@code --corruptions}: {@code all} (the 19), {@code standard} (the 15), {@code extra} (the 4) or names
     * separated by commas, given in the reference's order whatever the order typed; a group stands alone.
     *
     * @param typed the value as typed
     * @return the corruptions, in the reference's order
     * @throws BadInputException for an unknown or repeated name, or a group combined with other names
     */
    static List<Corruption> corruptions(String typed) {
        String t = typed == null ? "" : typed.strip();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "all":
                return List.of(Corruption.values());
            case "standard":
                return Corruption.standardCorruptions();
            case "extra":
                return Corruption.extraCorruptions();
            default:
                break;
        }
        TreeSet<Corruption> chosen = new TreeSet<>();
        for (String part : t.split(",", -1)) {
            if (GROUPS.contains(part.strip().toLowerCase(java.util.Locale.ROOT))) {
                throw new BadInputException("--corruptions " + typed + ": " + part.strip() + " stands alone; all, "
                        + "standard and extra cannot be combined with each other or with names (give one group, "
                        + "or names separated by commas)");
            }
            Corruption c = corruption("--corruptions", part);
            if (!chosen.add(c)) {
                throw new BadInputException("--corruptions " + typed + ": " + c.id() + " is given twice");
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * Parses one corruption's name.
     *
     * @param option the option, for the message
     * @param typed the name as typed
     * @return the corruption
     * @throws BadInputException naming the value and listing the known names
     */
    static Corruption corruption(String option, String typed) {
        if (typed == null || typed.isBlank()) {
            throw new BadInputException(option + ": an empty corruption name; known: " + known());
        }
        try {
            return Corruption.byName(typed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + " " + typed.strip() + ": unknown corruption; known: " + known()
                    + " (or all, standard or extra alone)");
        }
    }

    /** The 19 names, in the reference's order. */
    static String known() {
        return Arrays.stream(Corruption.values()).map(Corruption::id).collect(Collectors.joining(", "));
    }

    /**
     * Parses {@code --severities}: a range {@code 1-5}, one severity {@code 3} or a list {@code 1,3,5} (ranges
     * allowed in it), each from 1 to 5, each once.
     *
     * @param typed the value as typed
     * @return the severities, ascending
     * @throws BadInputException for what is no severity, one outside 1 to 5 or one given twice
     */
    static List<Integer> severities(String typed) {
        String t = typed == null ? "" : typed.strip();
        List<Integer> out = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            int from = severity(typed, dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : severity(typed, p.substring(dash + 1));
            if (to < from) {
                throw new BadInputException("--severities " + typed + ": the range " + p + " is empty; write it "
                        + "from low to high, such as 1-5");
            }
            for (int s = from; s <= to; s++) {
                if (out.contains(s)) {
                    throw new BadInputException("--severities " + typed + ": severity " + s + " is given twice");
                }
                out.add(s);
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** One severity as typed, from 1 to 5. */
    private static int severity(String typed, String number) {
        try {
            int s = Integer.parseInt(number.strip());
            if (s >= Corruption.MIN_SEVERITY && s <= Corruption.MAX_SEVERITY) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException("--severities " + typed + ": '" + number.strip() + "' is not a severity from "
                + Corruption.MIN_SEVERITY + " to " + Corruption.MAX_SEVERITY + " (give 1-5, 3 or 1,3,5)");
    }
}
