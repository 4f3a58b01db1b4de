/**
 * Reports and visual evidence for an error analysis: figures (PNG), occlusion sensitivity maps, and one
 * {@link io.github.erroranalysis.report.ErrorReport} rendered as Markdown, self-contained HTML and versioned JSON.
 *
 * <p>Start at {@link io.github.erroranalysis.report.ErrorReport#builder(io.github.erroranalysis.ErrorAnalysis)}:
 * add what you have (images through an {@link io.github.erroranalysis.report.ImageSource}, a
 * {@link io.github.erroranalysis.Provenance}, a training history, a second model to compare, occlusion
 * maps), then {@code build()} and {@code writeTo(folder)}; the folder is written to a temporary sibling and
 * renamed, so an existing report is never left half-overwritten. Single figures come from
 * {@link io.github.erroranalysis.report.Figures}, occlusion maps from
 * {@link io.github.erroranalysis.report.Occlusion}.
 *
 * <p>Extension points: a section of one's own is a {@link io.github.erroranalysis.report.ReportSection} writing
 * through a {@link io.github.erroranalysis.report.SectionWriter} (paragraphs, subheadings, tables, figures, JSON
 * values), added with {@code ErrorReport.Builder.section}; a metric of one's own is an
 * {@link io.github.erroranalysis.Metric}, added with {@code ErrorReport.Builder.metric}. The built-in sections are
 * written through the same interface.
 *
 * <p>Conventions: confusion matrices have true classes as rows and predicted classes as columns; an undefined
 * metric is NaN in the API, {@code null} in JSON and "no examples" in text; numbers are formatted with
 * {@link java.util.Locale#ROOT}; charts are drawn with JFreeChart, images and heat maps with Java2D.
 */
package io.github.erroranalysis.report;
