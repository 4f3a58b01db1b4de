package io.github.erroranalysis.examples.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --split test|train|validation|all}, in any letter case, naming the valid splits when it cannot. */
public final class SplitConverter implements ITypeConverter<Split> {

    /**
     * Makes the converter (picocli calls this).
     */
    public SplitConverter() {
    }

    /**
     * Converts a typed split.
     *
     * @param value the value as typed
     * @return the split
     */
    @Override
    public Split convert(String value) {
        try {
            return Split.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a split; expected one of "
                    + String.join(", ", Arrays.stream(Split.values()).map(Inputs::name).toList()));
        }
    }
}
