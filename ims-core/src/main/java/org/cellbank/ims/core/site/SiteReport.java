package org.cellbank.ims.core.site;

/**
 * What one generation wrote.
 *
 * @param linePages full pages of visible cell lines
 * @param statusPages status pages of lines that exist but are not in the catalogue
 * @param otherFiles the search page, the 404 page, the staff console, {@code sitemap.xml}, {@code robots.txt}, the assets
 *     and the media files published with the pages
 * @param bytes the bytes of every file written
 */
public record SiteReport(int linePages, int statusPages, int otherFiles, long bytes) {

  /** Every file written. */
  public int files() {
    return linePages + statusPages + otherFiles;
  }
}
