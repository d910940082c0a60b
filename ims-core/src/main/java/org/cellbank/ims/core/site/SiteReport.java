package org.cellbank.ims.core.site;

/**
 * What one generation wrote.
 *
 * @param linePages full pages of visible cell lines
 * @param statusPages status pages of lines that exist but are not in the catalogue
 * @param otherFiles the search page, the 404 page, the staff console, {@code sitemap.xml}, {@code robots.txt}, the assets
 *     and the media files published with the pages
 * @param movedPages pages left at the old name of a renamed line, pointing to its new page
 * @param removedPages pages removed because their line no longer exists
 * @param bytes the bytes of every file written
 */
public record SiteReport(int linePages, int statusPages, int otherFiles, int movedPages, int removedPages,
    long bytes) {

  /** Every file written (removed pages are not counted). */
  public int files() {
    return linePages + statusPages + otherFiles + movedPages;
  }
}
