package io.github.erroranalysis.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Thumbnails packed into a few JPEG sprite sheets (quality {@value #QUALITY_PERCENT} %), so that an HTML page shows
 * thousands of images from a handful of {@code data:} URIs: a tile's side is the images' own side up to
 * {@value #MAX_SIDE} px (larger images are scaled down to fit), and every tile starts on a multiple of
 * {@value #ALIGN} px so that no JPEG block mixes two images (and the chroma is not subsampled, so that no decoder
 * blends neighbouring tiles' colours).
 *
 * @param side the side of a thumbnail in pixels (the images' larger side, at most {@value #MAX_SIDE})
 * @param cell the side of a tile's cell: {@code side} rounded up to a multiple of {@value #ALIGN}
 * @param columns the tiles per row of a sheet
 * @param sheets the JPEG bytes of each sheet
 * @param sheetWidths each sheet's width in pixels
 * @param sheetHeights each sheet's height in pixels
 * @param placements where each image went, in the order given; empty for an image that was missing
 */
record SpriteSheet(int side, int cell, int columns, List<byte[]> sheets, List<Integer> sheetWidths,
        List<Integer> sheetHeights, List<Optional<Placement>> placements) {

    /** The largest thumbnail side in pixels. */
    static final int MAX_SIDE = 64;
    /** The alignment of tiles in pixels (a JPEG block with chroma subsampling). */
    static final int ALIGN = 16;
    /** The JPEG quality in percent. */
    static final int QUALITY_PERCENT = 85;
    /** The most tiles per row and per column of one sheet. */
    static final int MAX_TILES_PER_SIDE = 64;

    /**
     * Where one image lies in the sheets.
     *
     * @param sheet the sheet's index
     * @param x the tile's left edge in pixels
     * @param y the tile's top edge in pixels
     * @param width the thumbnail's width in pixels (at most the side)
     * @param height the thumbnail's height in pixels
     */
    record Placement(int sheet, int x, int y, int width, int height) {
    }

    SpriteSheet {
        sheets = List.copyOf(sheets);
        sheetWidths = List.copyOf(sheetWidths);
        sheetHeights = List.copyOf(sheetHeights);
        placements = List.copyOf(placements);
    }

    /**
     * Packs images into sheets, in the order given, row by row; missing images take no tile.
     *
     * @param images the images (empty where missing)
     * @return the sheets, none when no image is present
     */
    static SpriteSheet pack(List<Optional<BufferedImage>> images) {
        int largest = 0;
        for (Optional<BufferedImage> image : images) {
            if (image.isPresent()) {
                largest = Math.max(largest, Math.max(image.get().getWidth(), image.get().getHeight()));
            }
        }
        int side = Math.max(1, Math.min(MAX_SIDE, largest));
        int cell = (side + ALIGN - 1) / ALIGN * ALIGN;
        int present = (int) images.stream().filter(Optional::isPresent).count();
        int columns = Math.max(1, Math.min(MAX_TILES_PER_SIDE, present));
        int perSheet = columns * MAX_TILES_PER_SIDE;
        List<byte[]> sheets = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        List<Integer> heights = new ArrayList<>();
        List<Optional<Placement>> placements = new ArrayList<>(images.size());
        BufferedImage sheet = null;
        Graphics2D g = null;
        int k = 0;
        for (Optional<BufferedImage> image : images) {
            if (image.isEmpty()) {
                placements.add(Optional.empty());
                continue;
            }
            int slot = k % perSheet;
            if (slot == 0) {
                if (sheet != null) {
                    finish(g, sheet, sheets, widths, heights);
                }
                int tiles = Math.min(perSheet, present - k);
                int rows = (tiles + columns - 1) / columns;
                sheet = new BufferedImage(columns * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
                g = sheet.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            }
            BufferedImage img = image.get();
            int w = img.getWidth();
            int h = img.getHeight();
            if (Math.max(w, h) > side) {
                double scale = (double) side / Math.max(w, h);
                w = Math.max(1, (int) Math.round(img.getWidth() * scale));
                h = Math.max(1, (int) Math.round(img.getHeight() * scale));
            }
            int x = slot % columns * cell;
            int y = slot / columns * cell;
            g.drawImage(img, x, y, w, h, null);
            placements.add(Optional.of(new Placement(sheets.size(), x, y, w, h)));
            k++;
        }
        if (sheet != null) {
            finish(g, sheet, sheets, widths, heights);
        }
        return new SpriteSheet(side, cell, columns, sheets, widths, heights, placements);
    }

    private static void finish(Graphics2D g, BufferedImage sheet, List<byte[]> sheets, List<Integer> widths,
            List<Integer> heights) {
        g.dispose();
        sheets.add(jpeg(sheet));
        widths.add(sheet.getWidth());
        heights.add(sheet.getHeight());
    }

    /**
     * Keeps every chroma sample (4:4:4, no subsampling): a thumbnail of 32 px has little colour to spare, and no
     * decoder's chroma upsampling then blends one tile's colour into its neighbour's edge.
     */
    private static void fullChroma(javax.imageio.metadata.IIOMetadata metadata) throws IOException {
        String format = "javax_imageio_jpeg_image_1.0";
        org.w3c.dom.Node root = metadata.getAsTree(format);
        org.w3c.dom.NodeList specs = ((org.w3c.dom.Element) root).getElementsByTagName("componentSpec");
        for (int k = 0; k < specs.getLength(); k++) {
            org.w3c.dom.Element spec = (org.w3c.dom.Element) specs.item(k);
            spec.setAttribute("HsamplingFactor", "1");
            spec.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(format, root);
    }

    /** Encodes an RGB image as JPEG at quality {@value #QUALITY_PERCENT} % without chroma subsampling. */
    static byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no JPEG writer (javax.imageio)");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY_PERCENT / 100f);
            javax.imageio.metadata.IIOMetadata metadata = writer.getDefaultImageMetadata(
                    new javax.imageio.ImageTypeSpecifier(image), param);
            fullChroma(metadata);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException("a sprite sheet could not be encoded as JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
