package io.github.erroranalysis.report;

/** Which examples of a report get saliency maps. */
public enum SaliencyScope {

    /** The mistakes shown in a grid and the first {@value Evidence#GALLERY_MAPS} of the gallery (the default). */
    SHOWN,

    /** Every wrong prediction. */
    ALL,

    /** None. */
    NONE
}
